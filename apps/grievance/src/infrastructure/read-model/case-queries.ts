import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { poolOf, rawEntities } from '@lw/db';
import { formatShanghai, shanghaiDateOf, type LocalDate, type WorkingCalendar } from '@lw/domain';
import { codeLength, subtreePattern } from '@lw/hierarchy';
import { CASE_SOURCE_LABELS, CASE_STATUS_LABELS, ESCALATION_LABELS, LIGHT_LABELS, SEVERITY_LABELS, type Light, workingDaysLeft } from '../../domain';
import { CaseReadModel, type LedgerFilter, type LedgerRow, type PeriodStatsRow, type StatsLevel, type StatsRow, type VillagePlanView } from '../../application/case-read-model.port';
import { CaseLedgerRecord } from './case-ledger.entity';

/** A light as a condition on the row at `:now` (the instant the rows' lights are computed for). */
const LIGHT_WHERE: Record<Light, string> = {
  none: `c.status = 'closed'`,
  red: `(c.status <> 'closed' AND c.deadlineEndsAt <= :now)`,
  yellow: `(c.status <> 'closed' AND c.yellowAt <= :now AND c.deadlineEndsAt > :now)`,
  green: `(c.status <> 'closed' AND c.yellowAt > :now)`,
};

/** A village code's significant prefix at `level`, in SQL. */
const villagePrefix = (level: 'township' | 'county') => `left(c.villageCode, ${codeLength(level)})`;

/** The code a figure row groups by (a township without its code recorded counts under its village's township prefix). */
const GROUP_KEY: Record<StatsLevel, string> = {
  village: 'c.villageCode',
  township: `coalesce(c.townshipCode, ${villagePrefix('township')})`,
  county: villagePrefix('county'),
};

/** The filtered ledger (alias `c`) with named parameters; which conditions it has follows the filter's shape. */
function ledgerQuery(ledger: Repository<CaseLedgerRecord>, f: LedgerFilter): SelectQueryBuilder<CaseLedgerRecord> {
  const qb = ledger.createQueryBuilder('c').where('c.villageCode LIKE :scope');
  if (f.node) qb.andWhere('c.villageCode LIKE :node');
  if (f.source?.length) qb.andWhere('c.sourceKind IN (:...source)');
  if (f.category) qb.andWhere('c.category = :category');
  if (f.status?.length) qb.andWhere('c.status IN (:...status)');
  if (f.severity?.length) qb.andWhere('c.severity IN (:...severity)');
  if (f.light?.length) qb.andWhere(`(${f.light.map((l) => LIGHT_WHERE[l]).join(' OR ')})`);
  return qb;
}

/** The values of a filter for the named parameters of its statements, lights judged at `now`. */
function ledgerParameters(f: LedgerFilter, now: Date): Record<string, unknown> {
  return {
    scope: subtreePattern(f.scope),
    node: f.node ? subtreePattern(f.node) : undefined,
    source: f.source,
    category: f.category,
    status: f.status,
    severity: f.severity,
    now,
    limit: f.limit,
    offset: f.offset,
  };
}

/** Which conditions a filter's statements have (the values are parameters). */
const shapeOf = (f: LedgerFilter) =>
  [f.node ? 'n' : '', f.source?.length ? 's' : '', f.category ? 'c' : '', f.status?.length ? 't' : '', f.severity?.length ? 'v' : '', ...(f.light ?? []).slice().sort()].join(',');

interface LedgerStatements {
  page: string;
  count: string;
}

/**
 * The ledger page and its total as named-parameter SQL, built by the query builder once per filter
 * shape (the ledger is the most read page; building its SQL took about as long as running it).
 * count(*) rather than getCount's count(DISTINCT key): the ledger has no joins to dedupe.
 */
function ledgerStatements(ledger: Repository<CaseLedgerRecord>, f: LedgerFilter): LedgerStatements {
  const qb = ledgerQuery(ledger, f);
  return {
    page: `${qb.clone().orderBy('c.openedAt', 'DESC').addOrderBy('c.caseId').getQuery()} LIMIT :limit OFFSET :offset`,
    count: qb.clone().select('count(*)', 'n').getQuery(),
  };
}

/** The ledger page and its total as SQL with parameters; exported so the benchmark runs the very same query raw. */
export function ledgerSql(readModels: DataSource, f: LedgerFilter, now = new Date()): { page: [string, unknown[]]; count: [string, unknown[]] } {
  const statements = ledgerStatements(readModels.getRepository(CaseLedgerRecord), f);
  const values = ledgerParameters(f, now);
  return { page: readModels.driver.escapeQueryWithParameters(statements.page, values), count: readModels.driver.escapeQueryWithParameters(statements.count, values) };
}

/** A township's own cases (its team's problems) sit under its 9-digit code, next to its villages'. */
const isTownshipCode = (code: string) => code.length === codeLength('township');

/** The light of a row at `now`, as LIGHT_WHERE judges it. */
function lightOf(r: CaseLedgerRecord, now: Date): Light {
  if (r.status === 'closed') return 'none';
  if (r.deadlineEndsAt <= now) return 'red';
  return r.yellowAt <= now ? 'yellow' : 'green';
}

/** Ledger pages, figures and the one-village view, from case_ledger. */
export class CaseQueries implements CaseReadModel {
  private readonly ledgerRows: Repository<CaseLedgerRecord>;
  private readonly records: (rows: Record<string, unknown>[]) => CaseLedgerRecord[];
  private readonly readModels: DataSource;
  private readonly statements = new Map<string, LedgerStatements>();

  constructor(
    readModels: DataSource,
    private readonly nameOf: (code: string) => string,
    /** The official working calendar, for the countdown of each row. */
    private readonly calendar?: () => WorkingCalendar,
  ) {
    this.readModels = readModels;
    this.ledgerRows = readModels.getRepository(CaseLedgerRecord);
    this.records = rawEntities(readModels, CaseLedgerRecord, 'c');
  }

  async ledger(f: LedgerFilter): Promise<{ total: number; rows: LedgerRow[] }> {
    const now = new Date();
    const shape = shapeOf(f);
    let statements = this.statements.get(shape);
    if (!statements) this.statements.set(shape, (statements = ledgerStatements(this.ledgerRows, f)));
    const values = ledgerParameters(f, now);
    const pool = poolOf(this.readModels);
    // The builder's statements bound and run as they are on the pool, rows hydrated by rawEntities.
    const [total, page] = await Promise.all([
      pool.query<{ n: string }>(...this.readModels.driver.escapeQueryWithParameters(statements.count, values)),
      pool.query<Record<string, unknown>>(...this.readModels.driver.escapeQueryWithParameters(statements.page, values)),
    ]);
    return { total: Number(total.rows[0].n), rows: this.records(page.rows).map((r) => this.toRow(r, now)) };
  }

  /** Closure rate and overdue counts per village, township or county inside the scope, with a total. */
  async statistics(scope: string, by: StatsLevel): Promise<{ rows: StatsRow[]; total: StatsRow }> {
    const rows = await this.ledgerRows
      .createQueryBuilder('c')
      .select(GROUP_KEY[by], 'code')
      .addSelect('count(*)', 'total')
      .addSelect(`count(*) FILTER (WHERE c.status = 'closed')`, 'closed')
      .addSelect(`count(*) FILTER (WHERE c.status <> 'closed' AND c.deadlineEndsAt <= now())`, 'overdue')
      .addSelect('count(*) FILTER (WHERE c.escalations > 0)', 'escalated')
      .where('c.villageCode LIKE :scope', { scope: subtreePattern(scope) })
      .groupBy(GROUP_KEY[by])
      .orderBy(GROUP_KEY[by])
      .getRawMany<{ code: string; total: string; closed: string; overdue: string; escalated: string }>();
    const out = rows.map((r) => stats(r.code, this.rowName(r.code, by), Number(r.total), Number(r.closed), Number(r.overdue), Number(r.escalated)));
    const sum = (k: 'total' | 'closed' | 'overdue' | 'escalated') => out.reduce((a, r) => a + r[k], 0);
    return { rows: out, total: stats(scope, this.nameOf(scope), sum('total'), sum('closed'), sum('overdue'), sum('escalated')) };
  }

  /**
   * The figures of a period (Asia/Shanghai dates, inclusive), for reports comparing it with the
   * previous one. Per row: `total` cases opened in the period, `closed` of those closed by its end
   * (closureRate = closed / total), `closedInPeriod` cases closed in it whenever opened, `overdue`
   * cases opened by its end, not closed by then and past their limit at its end (or now, for a
   * period not over yet), `escalated` of those opened in it. Read from the ledger as it stands: a
   * case reopened and closed again counts by its latest closure. The period's bounds are SQL date
   * arithmetic (Shanghai midnights), which TypeORM has no form for.
   */
  async periodStatistics(scope: string, by: StatsLevel, period: { from: string; to: string }): Promise<{ from: string; to: string; rows: PeriodStatsRow[]; total: PeriodStatsRow }> {
    const start = `(:from::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const end = `((:to::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const opened = `c.openedAt >= ${start} AND c.openedAt < ${end}`;
    const closedBy = `c.status = 'closed' AND c.closedAt < ${end}`;
    const rows = await this.ledgerRows
      .createQueryBuilder('c')
      .select(GROUP_KEY[by], 'code')
      .addSelect(`count(*) FILTER (WHERE ${opened})`, 'total')
      .addSelect(`count(*) FILTER (WHERE ${opened} AND ${closedBy})`, 'closed')
      .addSelect(`count(*) FILTER (WHERE c.status = 'closed' AND c.closedAt >= ${start} AND c.closedAt < ${end})`, 'closedInPeriod')
      .addSelect(`count(*) FILTER (WHERE NOT (${closedBy}) AND c.deadlineEndsAt <= least(${end}, now()))`, 'overdue')
      .addSelect(`count(*) FILTER (WHERE ${opened} AND c.escalations > 0)`, 'escalated')
      .where('c.villageCode LIKE :scope', { scope: subtreePattern(scope) })
      .andWhere(`c.openedAt < ${end}`)
      .setParameters({ from: period.from, to: period.to })
      .groupBy(GROUP_KEY[by])
      .orderBy(GROUP_KEY[by])
      .getRawMany<{ code: string; total: string; closed: string; closedInPeriod: string; overdue: string; escalated: string }>();
    const row = (code: string, name: string, total: number, closed: number, overdue: number, escalated: number, closedInPeriod: number): PeriodStatsRow => ({
      ...stats(code, name, total, closed, overdue, escalated),
      closedInPeriod,
    });
    const out = rows.map((r) => row(r.code, this.rowName(r.code, by), Number(r.total), Number(r.closed), Number(r.overdue), Number(r.escalated), Number(r.closedInPeriod)));
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
    const now = new Date();
    const rows = await this.ledgerRows
      .createQueryBuilder('c')
      .where('c.villageCode = :villageCode', { villageCode })
      .andWhere(`c.status <> 'closed'`)
      .orderBy('c.deadlineEndsAt')
      .addOrderBy('c.caseId')
      .getMany();
    const items = rows.map((r) => this.toRow(r, now));
    const counts = new Map<LedgerRow['source']['kind'], number>();
    for (const i of items) counts.set(i.source.kind, (counts.get(i.source.kind) ?? 0) + 1);
    return {
      villageCode,
      villageName: this.nameOf(villageCode),
      bySource: [...counts].map(([kind, open]) => ({ kind, label: CASE_SOURCE_LABELS[kind], open })),
      items,
    };
  }

  /** Where a case sits, by name: a township's own case reads 某某镇（乡镇本级）, not as one of its villages. */
  private placeName(code: string): string {
    return isTownshipCode(code) ? `${this.nameOf(code)}（乡镇本级）` : this.nameOf(code);
  }

  /** A figure row's name: at village level a township's own cases are a row of their own, named apart. */
  private rowName(code: string, by: StatsLevel): string {
    return by === 'village' ? this.placeName(code) : this.nameOf(code);
  }

  private toRow(r: CaseLedgerRecord, now: Date): LedgerRow {
    const light = lightOf(r, now);
    const left = this.calendar ? workingDaysLeft(r.deadlineDue as LocalDate, shanghaiDateOf(now), this.calendar()) : null;
    return {
      caseId: r.caseId,
      version: r.version,
      status: r.status,
      statusLabel: CASE_STATUS_LABELS[r.status],
      villageCode: r.villageCode,
      villageName: this.placeName(r.villageCode),
      townshipCode: r.townshipCode,
      source: { kind: r.sourceKind, ref: r.sourceRef },
      sourceLabel: CASE_SOURCE_LABELS[r.sourceKind],
      category: r.category,
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity],
      description: r.description,
      measures: r.measures,
      responsibleUnit: r.responsibleUnit,
      responsiblePerson: r.responsibleName ? { name: r.responsibleName, post: r.responsiblePost } : null,
      directlyResponsible: r.directlyResponsible,
      deadline: {
        startOn: r.deadlineStart,
        due: r.deadlineDue,
        endsAt: r.deadlineEndsAt.toISOString(),
        beyondHorizon: r.beyondHorizon || Boolean(left?.beyondHorizon),
        workingDaysLeft: left?.days ?? null,
      },
      light,
      lightLabel: LIGHT_LABELS[light],
      redCount: r.redCount,
      lastEscalation: r.lastEscalation ? ESCALATION_LABELS[r.lastEscalation] : null,
      latestProgress: r.latestProgress,
      closedAt: r.closedAt?.toISOString() ?? null,
      openedAtLocal: formatShanghai(r.openedAt),
      closedAtLocal: r.closedAt ? formatShanghai(r.closedAt) : null,
    };
  }
}

function stats(code: string, name: string, total: number, closed: number, overdue: number, escalated: number): StatsRow {
  return { code, name, total, closed, open: total - closed, overdue, escalated, closureRate: total ? Math.round((closed / total) * 1000) / 10 : null };
}
