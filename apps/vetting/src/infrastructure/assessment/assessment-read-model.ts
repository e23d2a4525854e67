import { Repository, type DataSource } from 'typeorm';
import { subtreePattern } from '@lw/hierarchy';
import type { AssessmentFilter, AssessmentReadModel, AssessmentRevision } from '../../application/assessment/assessment-read-model.port';
import { summariseAssessments, type AssessmentRecordedData, type AssessmentSummary } from '../../domain/assessment';
import { AssessmentRevisionRecord } from './assessment-revisions.entity';
import { AssessmentRecord } from './assessments.entity';

/** Queries on the assessments read model; the caller has checked the scope against the actor's node. */
export class PgAssessmentReadModel implements AssessmentReadModel {
  private readonly inForce: Repository<AssessmentRecord>;
  private readonly revisions: Repository<AssessmentRevisionRecord>;

  constructor(readModels: DataSource) {
    this.inForce = readModels.getRepository(AssessmentRecord);
    this.revisions = readModels.getRepository(AssessmentRevisionRecord);
  }

  async list(f: AssessmentFilter): Promise<AssessmentRecordedData[]> {
    const qb = this.inForce.createQueryBuilder('a').select(['a.villageCode', 'a.period', 'a.data']).where('a.villageCode LIKE :scope', { scope: subtreePattern(f.scope) });
    if (f.period !== undefined) qb.andWhere('a.period = :period', { period: f.period });
    if (f.classification !== undefined) qb.andWhere('a.classification = :classification', { classification: f.classification });
    if (f.weak !== undefined) qb.andWhere('a.weak = :weak', { weak: f.weak });
    const rows = await qb.orderBy('a.period', 'DESC').addOrderBy('a.villageCode').take(5000).getMany();
    return rows.map((r) => r.data);
  }

  async history(villageCode: string): Promise<AssessmentRevision[]> {
    const rows = await this.revisions.find({ select: { eventId: true, data: true, actor: true }, where: { villageCode }, order: { period: 'DESC', recordedAt: 'ASC', revision: 'ASC' } });
    return rows.map((r) => ({ data: r.data, recordedBy: r.actor ? { userId: r.actor.userId, node: r.actor.node } : null }));
  }

  async summary(scope: string, period: string): Promise<AssessmentSummary> {
    return summariseAssessments(period, await this.list({ scope, period }));
  }
}
