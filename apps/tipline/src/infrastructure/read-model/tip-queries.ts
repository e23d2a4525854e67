import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Brackets } from 'typeorm';
import { DomainForbiddenError, formatShanghai } from '@lw/domain';
import { subtreePattern } from '@lw/hierarchy';
import {
  DEADLINE_LABELS,
  FINDING_LABELS,
  listReach,
  seesStatistics,
  TIP_CHANNEL_LABELS,
  TIP_STATUS_LABELS,
  tipViewFor,
  visibleParts,
  type DeadlineKind,
  type Finding,
  type TipPolicy,
  type TipStatus,
  type TipViewer,
} from '../../domain';
import { TipReadModel, type InboxFilter, type InboxRow, type StatsRow } from '../../application/ports/tip-read-model.port';
import { TipListRecord } from './tip-list.entity';

/** Past an open limit: by the clock, or flagged by a deadline job (the inbox filter and the metric). */
export const OVERDUE = '(t.nextDeadlineAt < now() OR t.overdueFlagged)';

/** Received within the period's Asia/Shanghai days, both ends included (parameters :from and :to). */
const IN_PERIOD = `t.receivedAt >= (:from::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND t.receivedAt < ((:to::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** Keeps `qb` to the subtree of `code` (its pattern as the named parameter `name`). */
function inSubtree<T extends object>(qb: SelectQueryBuilder<T>, code: string, name: string, withoutVillage = false): SelectQueryBuilder<T> {
  return qb.andWhere(
    new Brackets((w) => {
      w.where(`t.villageCode LIKE :${name}`, { [name]: subtreePattern(code) });
      // Tips naming no village belong to the deployment as a whole: county users only.
      if (withoutVillage) w.orWhere('t.villageCode IS NULL');
    }),
  );
}

/** Inbox, statistics and exports, read from tip_list. None of it holds a reporter's identity. */
export class TipQueries extends TipReadModel {
  private readonly tips: Repository<TipListRecord>;

  constructor(
    readModels: DataSource,
    private readonly policy: TipPolicy,
  ) {
    super();
    this.tips = readModels.getRepository(TipListRecord);
  }

  private categoryName(code: string): string {
    return this.policy.categories.find((c) => c.code === code)?.name ?? code;
  }

  private scoped(scope: string, isRoot: boolean): SelectQueryBuilder<TipListRecord> {
    return inSubtree(this.tips.createQueryBuilder('t'), scope, 'scope', isRoot);
  }

  /**
   * The rows of the viewer's subtree the access policy lets it list (all, or only those assigned to
   * its unit), each cut down to what tipViewFor says it sees. A role that sees figures only: 403.
   */
  async inbox(f: InboxFilter): Promise<{ total: number; rows: InboxRow[] }> {
    const reach = listReach(this.policy.access, f.viewer.roles);
    if (reach === 'none') {
      throw new DomainForbiddenError('tip.list_forbidden', '您的角色只能查看举报统计数据，不能查看举报列表和内容', `roles ${f.viewer.roles.join(',')} see figures only`);
    }
    const qb = this.scoped(f.scope, f.scopeIsDeploymentRoot);
    if (reach === 'own_unit') qb.andWhere('t.unitCode = :unit', { unit: f.viewer.unitCode });
    if (f.status?.length) qb.andWhere('t.status IN (:...status)', { status: f.status });
    if (f.category) qb.andWhere('t.category = :category', { category: f.category });
    if (f.village) inSubtree(qb, f.village, 'village');
    if (f.overdue !== undefined) qb.andWhere(f.overdue ? OVERDUE : `NOT coalesce(${OVERDUE}, false)`);
    if (f.electionRelated !== undefined) qb.andWhere('t.electionRelated = :electionRelated', { electionRelated: f.electionRelated });
    // Repeats are listed (each with its link to the earlier tip) unless asked otherwise: each has a reporter to answer.
    if (f.includeRepeats === false) qb.andWhere('t.repeatOf IS NULL');
    const [records, total] = await qb.orderBy('t.receivedAt', 'DESC').addOrderBy('t.tipId').limit(f.limit).offset(f.offset).getManyAndCount();
    const now = Date.now();
    const visible = records
      .map((r) => this.toRow(r, now))
      .flatMap((row) => {
        // The query above already keeps to the subtree (and the unit): each row is in scope.
        const parts = visibleParts(tipViewFor(this.policy.access, f.viewer, { inScope: true, unitCode: row.unitCode }));
        if (!parts.row) return [];
        return [parts.subjects ? row : { ...row, subjects: null }];
      });
    return { total, rows: visible };
  }

  private requireStatistics(viewer: TipViewer): void {
    if (!seesStatistics(this.policy.access, viewer.roles)) {
      throw new DomainForbiddenError('tip.statistics_forbidden', '您的角色不能查看举报统计数据', `roles ${viewer.roles.join(',')} see no figures`);
    }
  }

  private toRow(r: TipListRecord, now: number): InboxRow {
    return {
      tipId: r.tipId,
      status: r.status as TipStatus,
      statusLabel: TIP_STATUS_LABELS[r.status as TipStatus],
      channel: r.channel,
      channelLabel: TIP_CHANNEL_LABELS[r.channel as keyof typeof TIP_CHANNEL_LABELS] ?? r.channel,
      category: r.category,
      categoryLabel: this.categoryName(r.category),
      villageCode: r.villageCode,
      townshipCode: r.townshipCode,
      subjects: r.subjectsLabel,
      anonymous: r.anonymous,
      electionRelated: r.electionRelated,
      objection: r.objection,
      repeatOf: r.repeatOf,
      repeatCount: r.repeatCount,
      unitCode: r.unitCode,
      unitName: r.unitName,
      finding: r.finding ? FINDING_LABELS[r.finding as Finding] : null,
      receivedAt: r.receivedAt.toISOString(),
      receivedAtLocal: formatShanghai(r.receivedAt),
      nextDeadline:
        r.nextDeadlineKind && r.nextDeadlineAt && r.nextDeadlineDue
          ? {
              kind: r.nextDeadlineKind as DeadlineKind,
              label: DEADLINE_LABELS[r.nextDeadlineKind as DeadlineKind],
              due: r.nextDeadlineDue,
              endsAt: r.nextDeadlineAt.toISOString(),
            }
          : null,
      overdue: (r.nextDeadlineAt !== null && r.nextDeadlineAt.getTime() < now) || r.overdueFlagged,
      regime: r.regime,
    };
  }

/**
   * Figures per township, month or category: received (all, repeats included), repeats, accepted,
   * concluded, concluded within the limit (% of concluded), substantiated (% of concluded).
   */
  async statistics(q: { scope: string; scopeIsDeploymentRoot: boolean; viewer: TipViewer; from: string; to: string; by: 'township' | 'month' | 'category' }): Promise<StatsRow[]> {
    this.requireStatistics(q.viewer);
    const key = q.by === 'township' ? "coalesce(t.townshipCode, '')" : q.by === 'month' ? "to_char(t.receivedAt AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')" : 't.category';
    const rows = await this.figures(q).addSelect(key, 'key').groupBy('key').orderBy('key').getRawMany<Figures & { key: string }>();
    return rows.map((r) => toStats(r.key, q.by === 'category' ? this.categoryName(r.key) : r.key, r));
  }

  async totals(q: { scope: string; scopeIsDeploymentRoot: boolean; viewer: TipViewer; from: string; to: string }): Promise<StatsRow> {
    this.requireStatistics(q.viewer);
    return toStats('total', '合计', (await this.figures(q).getRawOne<Figures>())!);
  }

  /** The counts of the scope's tips received in the period (grouped by whatever the caller adds after them). */
  private figures(q: { scope: string; scopeIsDeploymentRoot: boolean; from: string; to: string }): SelectQueryBuilder<TipListRecord> {
    const qb = this.scoped(q.scope, q.scopeIsDeploymentRoot).andWhere(IN_PERIOD, { from: q.from, to: q.to }).select('count(*)', 'received');
    for (const [alias, condition] of Object.entries(COUNTED)) qb.addSelect(`count(*) FILTER (WHERE ${condition})`, alias);
    return qb;
  }
}

/** What the figures count besides all received: the FILTER condition of each. */
const COUNTED = {
  repeats: 't.repeatOf IS NOT NULL',
  accepted: 't.acceptedAt IS NOT NULL',
  concluded: 't.concludedAt IS NOT NULL',
  within_limit: 't.concludedWithinLimit',
  substantiated: "t.finding IN ('substantiated', 'partly_substantiated')",
  election_related: 't.electionRelated',
  false_accusations: 't.falseAccusation',
};

/** A row of figures as PostgreSQL counts them (bigint: strings). */
type Figures = Record<'received' | keyof typeof COUNTED, string>;

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

function toStats(key: string, label: string, r: Figures): StatsRow {
  const n = (x: unknown) => Number(x ?? 0);
  return {
    key,
    label,
    received: n(r.received),
    repeats: n(r.repeats),
    accepted: n(r.accepted),
    concluded: n(r.concluded),
    concludedWithinLimit: n(r.within_limit),
    concludedWithinLimitPct: pct(n(r.within_limit), n(r.concluded)),
    substantiated: n(r.substantiated),
    substantiatedPct: pct(n(r.substantiated), n(r.concluded)),
    electionRelated: n(r.election_related),
    falseAccusations: n(r.false_accusations),
  };
}
