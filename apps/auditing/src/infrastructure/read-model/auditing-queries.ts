import { type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { formatShanghai, Money } from '@lw/domain';
import { subtreePattern } from '@lw/hierarchy';
import { categoryName, gateReasons, SEVERITY_LABELS, STATUS_LABELS, type AuditPolicy } from '../../domain/engagement';
import {
  AuditingReadModel,
  type AuditSummary,
  type EngagementFilter,
  type ElectionProgress,
  type FindingRow,
  type ScopeFilter,
  type SummaryFilter,
} from '../../application/auditing-read-model.port';
import { EngagementRecord } from './engagements.entity';
import { FindingRecord } from './findings.entity';

/** `column` within the period's Asia/Shanghai days, both ends included (parameters :from and :to). */
const inPeriod = (column: string) =>
  `(${column} >= (:from::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND ${column} < ((:to::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))`;

const yuan = (fen: string | null) => (fen === null ? null : Money.fromFen(BigInt(fen)).toString());

/** Lists, progress and sums read from the projections; every query is limited to a subtree. */
export class AuditingQueries extends AuditingReadModel {
  private readonly engagements: Repository<EngagementRecord>;
  private readonly findingRecords: Repository<FindingRecord>;

  constructor(
    readModels: DataSource,
    private readonly policy: AuditPolicy,
    private readonly villageName: (code: string) => string,
  ) {
    super();
    this.engagements = readModels.getRepository(EngagementRecord);
    this.findingRecords = readModels.getRepository(FindingRecord);
  }

  /** Rows of `alias` in the scope's subtree (and of the election, when given). */
  private scoped<T extends EngagementRecord | FindingRecord>(repo: Repository<T>, alias: string, f: ScopeFilter): SelectQueryBuilder<T> {
    const qb = repo.createQueryBuilder(alias).where(`${alias}.villageCode LIKE :scope`, { scope: subtreePattern(f.scope) });
    if (f.electionId) qb.andWhere(`${alias}.electionId = :electionId`, { electionId: f.electionId });
    return qb;
  }

  async list(f: EngagementFilter) {
    const qb = this.scoped(this.engagements, 'e', f);
    if (f.status?.length) qb.andWhere('e.status IN (:...status)', { status: f.status });
    if (f.kind) qb.andWhere('e.kind = :kind', { kind: f.kind });
    if (f.village) qb.andWhere('e.villageCode LIKE :village', { village: subtreePattern(f.village) });
    const [rows, total] = await qb.orderBy('e.villageCode').addOrderBy('e.plannedAt').limit(f.limit).offset(f.offset).getManyAndCount();
    return {
      total,
      rows: rows.map((r) => ({
        engagementId: r.engagementId,
        kind: r.kind,
        villageCode: r.villageCode,
        villageName: this.villageName(r.villageCode),
        electionId: r.electionId,
        status: r.status,
        statusLabel: STATUS_LABELS[r.status],
        persons: r.persons,
        auditors: r.auditors,
        periodFrom: r.periodFrom,
        periodTo: r.periodTo,
        plannedAt: r.plannedAt.toISOString(),
        publishedAt: r.publishedAt?.toISOString() ?? null,
        noticeEndsOn: r.noticeEndsOn,
        findings: r.findings,
        seriousOpen: r.seriousOpen,
        amount: yuan(r.amountFen),
      })),
    };
  }

  async elections(scope: string) {
    const rows = await this.scoped(this.engagements, 'e', { scope })
      .select('e.electionId', 'electionId')
      .addSelect('count(*)', 'planned')
      .addSelect(`count(*) FILTER (WHERE e.status = 'published')`, 'published')
      .addSelect('min(e.plannedAt)', 'first')
      .andWhere('e.electionId IS NOT NULL')
      .groupBy('e.electionId')
      .orderBy('min(e.plannedAt)', 'DESC')
      .addOrderBy('e.electionId')
      .getRawMany<{ electionId: string; planned: string; published: string; first: Date }>();
    return { rows: rows.map((r) => ({ electionId: r.electionId, planned: Number(r.planned), published: Number(r.published), plannedAt: r.first.toISOString() })) };
  }

  async progress(electionId: string, scope: string): Promise<ElectionProgress> {
    const rows = await this.scoped(this.engagements, 'e', { scope, electionId })
      .select(['e.engagementId', 'e.villageCode', 'e.status', 'e.seriousOpen'])
      .andWhere(`e.kind = 'outgoing'`)
      .orderBy('e.villageCode')
      .getMany();
    const count = (pred: (r: EngagementRecord) => boolean) => rows.filter(pred).length;
    const blocking = rows
      .map((r) => ({ villageCode: r.villageCode, villageName: this.villageName(r.villageCode), engagementId: r.engagementId, status: r.status, seriousOpen: r.seriousOpen, reasons: gateReasons(r, this.policy) }))
      .filter((v) => v.reasons.length > 0);
    return {
      electionId,
      planned: rows.length,
      inFieldwork: count((r) => r.status === 'fieldwork' || r.status === 'draft'),
      concluded: count((r) => r.status === 'concluded' || r.status === 'published'),
      published: count((r) => r.status === 'published'),
      seriousOpen: rows.reduce((n, r) => n + r.seriousOpen, 0),
      villagesWithSeriousOpen: count((r) => r.seriousOpen > 0),
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
    const narrowed = <T extends EngagementRecord | FindingRecord>(qb: SelectQueryBuilder<T>, alias: string) => {
      if (f.node) qb.andWhere(`${alias}.villageCode LIKE :node`, { node: subtreePattern(f.node) });
      if (f.period) qb.setParameters({ from: f.period.from, to: f.period.to });
      return qb;
    };
    const byCategory = narrowed(this.scoped(this.findingRecords, 'f', f), 'f')
      .select('f.category', 'category')
      .addSelect('count(*)', 'n')
      .addSelect(`count(*) FILTER (WHERE f.severity = 'serious')`, 'serious')
      .addSelect('coalesce(sum(f.amountFen), 0)::text', 'fen')
      .groupBy('f.category');
    if (f.period) byCategory.andWhere(inPeriod('f.recordedAt'));
    // Engagements planned, concluded and published: in the period by the time of each step, else by status.
    const figure = (column: string, statuses: string | null) =>
      f.period ? `count(*) FILTER (WHERE ${inPeriod(column)})` : statuses ? `count(*) FILTER (WHERE e.status IN (${statuses}))` : 'count(*)';
    const figures = narrowed(this.scoped(this.engagements, 'e', f), 'e')
      .select(figure('e.plannedAt', null), 'planned')
      .addSelect(figure('e.concludedAt', `'concluded', 'published'`), 'concluded')
      .addSelect(figure('e.publishedAt', `'published'`), 'published');
    const rows = await byCategory.getRawMany<{ category: string; n: string; serious: string; fen: string }>();
    const eng = (await figures.getRawOne<{ planned: string; concluded: string; published: string }>())!;
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
      engagements: { planned: Number(eng.planned), concluded: Number(eng.concluded), published: Number(eng.published) },
    };
  }

  async findings(f: ScopeFilter): Promise<FindingRow[]> {
    const rows = await this.scoped(this.findingRecords, 'f', f)
      .innerJoin('f.engagement', 'e')
      .addSelect(['e.engagementId', 'e.kind'])
      .orderBy('f.villageCode')
      .addOrderBy('f.engagementId')
      .addOrderBy('f.seq')
      .getMany();
    return rows.map((r) => ({
      findingId: r.findingId,
      engagementId: r.engagementId,
      villageCode: r.villageCode,
      villageName: this.villageName(r.villageCode),
      kind: r.engagement!.kind,
      category: r.category,
      categoryName: categoryName(r.category, this.policy.categories),
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity],
      amount: yuan(r.amountFen),
      description: r.description,
      responsible: r.responsiblePersons.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、'),
      rectificationRequired: r.rectificationRequired,
      rectified: r.rectifiedAt !== null,
      violationSuspected: r.violationSuspected,
      amendments: r.amendments,
      recordedAtLocal: formatShanghai(r.recordedAt),
    }));
  }
}
