import type { Pool } from 'pg';
import { DivisionCode } from '@lw/domain';
import type { AssessmentFilter, AssessmentReadModel, AssessmentRevision } from '../../application/assessment/assessment-read-model.port';
import { summariseAssessments, type AssessmentRecordedData, type AssessmentSummary } from '../../domain/assessment';

/** Queries on the assessments read model; the caller has checked the scope against the actor's node. */
export class PgAssessmentReadModel implements AssessmentReadModel {
  constructor(private readonly pool: Pool) {}

  async list(f: AssessmentFilter): Promise<AssessmentRecordedData[]> {
    const params: unknown[] = [`${DivisionCode.parse(f.scope).code}%`];
    const where = ['village_code LIKE $1'];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.period !== undefined) add('period = ?', f.period);
    if (f.classification !== undefined) add('classification = ?', f.classification);
    if (f.weak !== undefined) add('weak = ?', f.weak);
    const { rows } = await this.pool.query<{ data: AssessmentRecordedData }>(
      `SELECT data FROM assessments WHERE ${where.join(' AND ')} ORDER BY period DESC, village_code LIMIT 5000`,
      params,
    );
    return rows.map((r) => r.data);
  }

  async history(villageCode: string): Promise<AssessmentRevision[]> {
    const { rows } = await this.pool.query<{ data: AssessmentRecordedData; actor: { userId: string; node: string } | null }>(
      `SELECT data, actor FROM assessment_revisions WHERE village_code = $1 ORDER BY period DESC, recorded_at, revision`,
      [villageCode],
    );
    return rows.map((r) => ({ data: r.data, recordedBy: r.actor ? { userId: r.actor.userId, node: r.actor.node } : null }));
  }

  async summary(scope: string, period: string): Promise<AssessmentSummary> {
    return summariseAssessments(period, await this.list({ scope, period }));
  }
}
