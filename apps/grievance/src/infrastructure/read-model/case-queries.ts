import type { Pool } from 'pg';
import { formatShanghai, shanghaiDateOf, type LocalDate, type WorkingCalendar } from '@lw/domain';
import {
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  ESCALATION_LABELS,
  LIGHT_LABELS,
  SEVERITY_LABELS,
  type CaseSourceKind,
  type CaseStatus,
  type EscalationMeasure,
  type Light,
  type Severity,
  workingDaysLeft,
} from '../../domain';
import { CaseReadModel, type LedgerFilter, type LedgerRow, type PeriodStatsRow, type StatsRow, type VillagePlanView } from '../../application/case-read-model.port';

/** The light of a row at read time. */
export const LIGHT_SQL = `CASE WHEN status = 'closed' THEN 'none' WHEN deadline_ends_at <= now() THEN 'red' WHEN yellow_at <= now() THEN 'yellow' ELSE 'green' END`;

const LIGHT_WHERE: Record<Light, string> = {
  none: `status = 'closed'`,
  red: `(status <> 'closed' AND deadline_ends_at <= now())`,
  yellow: `(status <> 'closed' AND yellow_at <= now() AND deadline_ends_at > now())`,
  green: `(status <> 'closed' AND yellow_at > now())`,
};

const prefix = (code: string) => `${code}%`;

/** The SQL of the ledger page and its total; exported so the benchmark runs the same query raw. */
export function ledgerSql(f: LedgerFilter): { where: string; params: unknown[]; page: string; count: string } {
  const params: unknown[] = [prefix(f.scope)];
  const where = ['village_code LIKE $1'];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (f.node) add((n) => `village_code LIKE $${n}`, prefix(f.node));
  if (f.source?.length) add((n) => `source_kind = ANY($${n})`, f.source);
  if (f.category) add((n) => `category = $${n}`, f.category);
  if (f.status?.length) add((n) => `status = ANY($${n})`, f.status);
  if (f.severity?.length) add((n) => `severity = ANY($${n})`, f.severity);
  if (f.light?.length) where.push(`(${f.light.map((l) => LIGHT_WHERE[l]).join(' OR ')})`);
  const w = where.join(' AND ');
  const n = params.length;
  return {
    where: w,
    params,
    count: `SELECT count(*) AS n FROM case_ledger WHERE ${w}`,
    page: `SELECT *, ${LIGHT_SQL} AS light, to_char(deadline_due, 'YYYY-MM-DD') AS due, to_char(deadline_start, 'YYYY-MM-DD') AS start_on
             FROM case_ledger WHERE ${w} ORDER BY opened_at DESC, case_id LIMIT $${n + 1} OFFSET $${n + 2}`,
  };
}

/** Ledger pages, figures and the one-village view, from case_ledger. */
export class CaseQueries implements CaseReadModel {
  constructor(
    private readonly pool: Pool,
    private readonly nameOf: (code: string) => string,
    /** The official working calendar, for the countdown of each row. */
    private readonly calendar?: () => WorkingCalendar,
  ) {}

  async ledger(f: LedgerFilter): Promise<{ total: number; rows: LedgerRow[] }> {
    const q = ledgerSql(f);
    const [total, page] = await Promise.all([this.pool.query<{ n: string }>(q.count, q.params), this.pool.query(q.page, [...q.params, f.limit, f.offset])]);
    return { total: Number(total.rows[0].n), rows: page.rows.map((r) => this.toRow(r)) };
  }

  /** Closure rate and overdue counts per village, township or county inside the scope, with a total. */
  async statistics(scope: string, by: 'village' | 'township' | 'county'): Promise<{ rows: StatsRow[]; total: StatsRow }> {
    const key = by === 'village' ? 'village_code' : by === 'township' ? `coalesce(township_code, left(village_code, 9))` : 'left(village_code, 6)';
    const { rows } = await this.pool.query(
      `SELECT ${key} AS code, count(*) AS total, count(*) FILTER (WHERE status = 'closed') AS closed,
              count(*) FILTER (WHERE status <> 'closed' AND deadline_ends_at <= now()) AS overdue,
              count(*) FILTER (WHERE escalations > 0) AS escalated
         FROM case_ledger WHERE village_code LIKE $1 GROUP BY 1 ORDER BY 1`,
      [prefix(scope)],
    );
    const out = rows.map((r) => stats(r.code, this.nameOf(r.code), Number(r.total), Number(r.closed), Number(r.overdue), Number(r.escalated)));
    const sum = (k: 'total' | 'closed' | 'overdue' | 'escalated') => out.reduce((a, r) => a + r[k], 0);
    return { rows: out, total: stats(scope, this.nameOf(scope), sum('total'), sum('closed'), sum('overdue'), sum('escalated')) };
  }

  /**
   * The figures of a period (Asia/Shanghai dates, inclusive), for reports comparing it with the
   * previous one. Per row: `total` cases opened in the period, `closed` of those closed by its end
   * (closureRate = closed / total), `closedInPeriod` cases closed in it whenever opened, `overdue`
   * cases opened by its end, not closed by then and past their limit at its end (or now, for a
   * period not over yet), `escalated` of those opened in it. Read from the ledger as it stands: a
   * case reopened and closed again counts by its latest closure.
   */
  async periodStatistics(scope: string, by: 'village' | 'township' | 'county', period: { from: string; to: string }): Promise<{ from: string; to: string; rows: PeriodStatsRow[]; total: PeriodStatsRow }> {
    const key = by === 'village' ? 'village_code' : by === 'township' ? `coalesce(township_code, left(village_code, 9))` : 'left(village_code, 6)';
    const start = `($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const end = `(($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const opened = `opened_at >= ${start} AND opened_at < ${end}`;
    const closedBy = `status = 'closed' AND closed_at < ${end}`;
    const { rows } = await this.pool.query(
      `SELECT ${key} AS code,
              count(*) FILTER (WHERE ${opened}) AS total,
              count(*) FILTER (WHERE ${opened} AND ${closedBy}) AS closed,
              count(*) FILTER (WHERE status = 'closed' AND closed_at >= ${start} AND closed_at < ${end}) AS closed_in_period,
              count(*) FILTER (WHERE opened_at < ${end} AND NOT (${closedBy}) AND deadline_ends_at <= least(${end}, now())) AS overdue,
              count(*) FILTER (WHERE ${opened} AND escalations > 0) AS escalated
         FROM case_ledger WHERE village_code LIKE $1 AND opened_at < ${end} GROUP BY 1 ORDER BY 1`,
      [prefix(scope), period.from, period.to],
    );
    const row = (code: string, name: string, total: number, closed: number, overdue: number, escalated: number, closedInPeriod: number): PeriodStatsRow => ({
      ...stats(code, name, total, closed, overdue, escalated),
      closedInPeriod,
    });
    const out = rows.map((r) => row(r.code, this.nameOf(r.code), Number(r.total), Number(r.closed), Number(r.overdue), Number(r.escalated), Number(r.closed_in_period)));
    const sum = (k: 'total' | 'closed' | 'overdue' | 'escalated' | 'closedInPeriod') => out.reduce((a, r) => a + r[k], 0);
    return {
      from: period.from,
      to: period.to,
      rows: out,
      total: row(scope, this.nameOf(scope), sum('total'), sum('closed'), sum('overdue'), sum('escalated'), sum('closedInPeriod')),
    };
  }

  /** 一村一策: every open item of one village, across sources, most urgent first. */
  async villagePlan(villageCode: string): Promise<VillagePlanView> {
    const { rows } = await this.pool.query(
      `SELECT *, ${LIGHT_SQL} AS light, to_char(deadline_due, 'YYYY-MM-DD') AS due, to_char(deadline_start, 'YYYY-MM-DD') AS start_on
         FROM case_ledger WHERE village_code = $1 AND status <> 'closed' ORDER BY deadline_ends_at, case_id`,
      [villageCode],
    );
    const items = rows.map((r) => this.toRow(r));
    const counts = new Map<CaseSourceKind, number>();
    for (const i of items) counts.set(i.source.kind, (counts.get(i.source.kind) ?? 0) + 1);
    return {
      villageCode,
      villageName: this.nameOf(villageCode),
      bySource: [...counts].map(([kind, open]) => ({ kind, label: CASE_SOURCE_LABELS[kind], open })),
      items,
    };
  }

  toRow(r: any, now = new Date()): LedgerRow {
    const light = r.light as Light;
    const left = this.calendar ? workingDaysLeft(r.due as LocalDate, shanghaiDateOf(now), this.calendar()) : null;
    return {
      caseId: r.case_id,
      version: r.version,
      status: r.status,
      statusLabel: CASE_STATUS_LABELS[r.status as CaseStatus],
      villageCode: r.village_code,
      villageName: this.nameOf(r.village_code),
      townshipCode: r.township_code,
      source: { kind: r.source_kind, ref: r.source_ref },
      sourceLabel: CASE_SOURCE_LABELS[r.source_kind as CaseSourceKind],
      category: r.category,
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity as Severity],
      description: r.description,
      measures: r.measures,
      responsibleUnit: r.responsible_unit,
      responsiblePerson: r.responsible_name ? { name: r.responsible_name, post: r.responsible_post } : null,
      directlyResponsible: r.directly_responsible,
      deadline: { startOn: r.start_on, due: r.due, endsAt: new Date(r.deadline_ends_at).toISOString(), beyondHorizon: r.beyond_horizon || Boolean(left?.beyondHorizon), workingDaysLeft: left?.days ?? null },
      light,
      lightLabel: LIGHT_LABELS[light],
      redCount: r.red_count,
      lastEscalation: r.last_escalation ? ESCALATION_LABELS[r.last_escalation as EscalationMeasure] : null,
      latestProgress: r.latest_progress,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      openedAtLocal: formatShanghai(new Date(r.opened_at)),
      closedAtLocal: r.closed_at ? formatShanghai(new Date(r.closed_at)) : null,
    };
  }
}

function stats(code: string, name: string, total: number, closed: number, overdue: number, escalated: number): StatsRow {
  return { code, name, total, closed, open: total - closed, overdue, escalated, closureRate: total ? Math.round((closed / total) * 1000) / 10 : null };
}
