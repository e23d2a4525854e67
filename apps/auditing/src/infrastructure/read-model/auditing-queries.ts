import type { Pool } from 'pg';
import { formatShanghai, Money } from '@lw/domain';
import { categoryName, gateReasons, SEVERITY_LABELS, STATUS_LABELS, type AuditPolicy, type EngagementStatus, type Severity } from '../../domain/engagement';
import {
  AuditingReadModel,
  type AuditSummary,
  type EngagementFilter,
  type ElectionProgress,
  type FindingRow,
  type ScopeFilter,
  type SummaryFilter,
} from '../../application/auditing-read-model.port';

/** `column` within the period's Asia/Shanghai days, both ends included. */
function inPeriod(column: string, period: { from: string; to: string }, params: unknown[]): string {
  params.push(period.from, period.to);
  const a = params.length - 1;
  const b = params.length;
  return `(${column} >= ($${a}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND ${column} < (($${b}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))`;
}

const like = (code: string) => `${code}%`;
const yuan = (fen: string | null) => (fen === null ? null : Money.fromFen(BigInt(fen)).toString());

/** Lists, progress and sums read from the projections; every query is limited to a subtree. */
export class AuditingQueries extends AuditingReadModel {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AuditPolicy,
    private readonly villageName: (code: string) => string,
  ) {
    super();
  }

  private where(f: ScopeFilter, params: unknown[], alias = ''): string[] {
    params.push(like(f.scope));
    const w = [`${alias}village_code LIKE $${params.length}`];
    if (f.electionId) {
      params.push(f.electionId);
      w.push(`${alias}election_id = $${params.length}`);
    }
    return w;
  }

  async list(f: EngagementFilter) {
    const params: unknown[] = [];
    const where = this.where(f, params);
    if (f.status?.length) {
      params.push(f.status);
      where.push(`status = ANY($${params.length})`);
    }
    if (f.kind) {
      params.push(f.kind);
      where.push(`kind = $${params.length}`);
    }
    if (f.village) {
      params.push(like(f.village));
      where.push(`village_code LIKE $${params.length}`);
    }
    const sql = `FROM engagements WHERE ${where.join(' AND ')}`;
    const total = Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n ${sql}`, params)).rows[0].n);
    params.push(f.limit, f.offset);
    const { rows } = await this.pool.query(
      `SELECT engagement_id, kind, village_code, election_id, status, persons, auditors, period_from::text, period_to::text, planned_at, concluded_at,
              published_at, notice_ends_on::text, findings, serious_open, amount_fen::text
         ${sql} ORDER BY village_code, planned_at LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      total,
      rows: rows.map((r) => ({
        engagementId: r.engagement_id,
        kind: r.kind,
        villageCode: r.village_code,
        villageName: this.villageName(r.village_code),
        electionId: r.election_id,
        status: r.status as EngagementStatus,
        statusLabel: STATUS_LABELS[r.status as EngagementStatus],
        persons: r.persons,
        auditors: r.auditors,
        periodFrom: r.period_from,
        periodTo: r.period_to,
        plannedAt: r.planned_at.toISOString(),
        publishedAt: r.published_at?.toISOString() ?? null,
        noticeEndsOn: r.notice_ends_on,
        findings: r.findings,
        seriousOpen: r.serious_open,
        amount: yuan(r.amount_fen),
      })),
    };
  }

  async elections(scope: string) {
    const { rows } = await this.pool.query<{ election_id: string; planned: string; published: string; first: Date }>(
      `SELECT election_id, count(*) AS planned, count(*) FILTER (WHERE status = 'published') AS published, min(planned_at) AS first
         FROM engagements WHERE village_code LIKE $1 AND election_id IS NOT NULL GROUP BY election_id ORDER BY min(planned_at) DESC, election_id`,
      [like(scope)],
    );
    return { rows: rows.map((r) => ({ electionId: r.election_id, planned: Number(r.planned), published: Number(r.published), plannedAt: r.first.toISOString() })) };
  }

  async progress(electionId: string, scope: string): Promise<ElectionProgress> {
    const params: unknown[] = [];
    const where = this.where({ scope, electionId }, params);
    const { rows } = await this.pool.query<{ village_code: string; status: EngagementStatus; serious_open: number; engagement_id: string }>(
      `SELECT engagement_id, village_code, status, serious_open FROM engagements WHERE ${where.join(' AND ')} AND kind = 'outgoing' ORDER BY village_code`,
      params,
    );
    const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
    const blocking = rows
      .map((r) => ({ villageCode: r.village_code, villageName: this.villageName(r.village_code), engagementId: r.engagement_id, status: r.status, seriousOpen: r.serious_open, reasons: gateReasons({ status: r.status, seriousOpen: r.serious_open }, this.policy) }))
      .filter((v) => v.reasons.length > 0);
    return {
      electionId,
      planned: rows.length,
      inFieldwork: count((r) => r.status === 'fieldwork' || r.status === 'draft'),
      concluded: count((r) => r.status === 'concluded' || r.status === 'published'),
      published: count((r) => r.status === 'published'),
      seriousOpen: rows.reduce((n, r) => n + r.serious_open, 0),
      villagesWithSeriousOpen: count((r) => r.serious_open > 0),
      blockingVillages: blocking.length,
      blocking,
    };
  }

  /**
   * Amounts by category, summed exactly in PostgreSQL numeric, as decimal strings; with the
   * engagements' figures. With a period: findings recorded in it, and engagements planned,
   * concluded and published in it (by the time of each step); without: all of them, by status.
   */
  async summary(f: SummaryFilter): Promise<AuditSummary> {
    const params: unknown[] = [];
    const where = this.where(f, params);
    if (f.node) {
      params.push(like(f.node));
      where.push(`village_code LIKE $${params.length}`);
    }
    const scoped = [...where];
    const scopedParams = [...params];
    if (f.period) where.push(inPeriod('recorded_at', f.period, params));
    const { rows } = await this.pool.query<{ category: string; n: string; serious: string; fen: string }>(
      `SELECT category, count(*) AS n, count(*) FILTER (WHERE severity = 'serious') AS serious, coalesce(sum(amount_fen), 0)::text AS fen
         FROM findings WHERE ${where.join(' AND ')} GROUP BY category`,
      params,
    );
    const ep = [...scopedParams];
    const step = (column: string, statuses: string) =>
      f.period ? `count(*) FILTER (WHERE ${inPeriod(column, f.period, ep)})` : `count(*) FILTER (WHERE status IN (${statuses}))`;
    const planned = f.period ? step('planned_at', '') : 'count(*)';
    const concluded = step('concluded_at', `'concluded', 'published'`);
    const published = step('published_at', `'published'`);
    const { rows: eng } = await this.pool.query<{ planned: string; concluded: string; published: string }>(
      `SELECT ${planned} AS planned, ${concluded} AS concluded, ${published} AS published FROM engagements WHERE ${scoped.join(' AND ')}`,
      ep,
    );
    const order = (c: string) => {
      const i = this.policy.categories.findIndex((x) => x.code === c);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const out = rows
      .sort((a, b) => order(a.category) - order(b.category))
      .map((r) => ({ category: r.category, categoryName: categoryName(r.category, this.policy.categories), findings: Number(r.n), serious: Number(r.serious), amount: yuan(r.fen)! }));
    const total = Money.sum(out.map((r) => Money.parse(r.amount)));
    return {
      electionId: f.electionId ?? null,
      node: f.node ?? null,
      from: f.period?.from ?? null,
      to: f.period?.to ?? null,
      rows: out,
      findings: out.reduce((n, r) => n + r.findings, 0),
      serious: out.reduce((n, r) => n + r.serious, 0),
      total: total.toString(),
      engagements: { planned: Number(eng[0].planned), concluded: Number(eng[0].concluded), published: Number(eng[0].published) },
    };
  }

  async findings(f: ScopeFilter): Promise<FindingRow[]> {
    const params: unknown[] = [];
    const where = this.where(f, params, 'f.');
    const { rows } = await this.pool.query(
      `SELECT f.*, f.amount_fen::text AS fen, e.kind FROM findings f JOIN engagements e USING (engagement_id)
        WHERE ${where.join(' AND ')} ORDER BY f.village_code, f.engagement_id, f.seq`,
      params,
    );
    return rows.map((r) => ({
      findingId: r.finding_id,
      engagementId: r.engagement_id,
      villageCode: r.village_code,
      villageName: this.villageName(r.village_code),
      kind: r.kind,
      category: r.category,
      categoryName: categoryName(r.category, this.policy.categories),
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity as Severity],
      amount: yuan(r.fen),
      description: r.description,
      responsible: (r.responsible_persons as { name: string; post?: string | null }[]).map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、'),
      rectificationRequired: r.rectification_required,
      rectified: r.rectified_at !== null,
      violationSuspected: r.violation_suspected,
      amendments: r.amendments,
      recordedAtLocal: formatShanghai(r.recorded_at),
    }));
  }
}
