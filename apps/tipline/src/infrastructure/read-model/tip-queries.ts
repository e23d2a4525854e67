import type { Pool } from 'pg';
import { significantPrefix } from '@lw/auth';
import { DomainForbiddenError, formatShanghai } from '@lw/domain';
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

/**
 * LIKE pattern of a node's subtree. Only whole all-zero levels are dropped: stripping every trailing
 * zero made township 320724100 the prefix 3207241, i.e. every township of the county.
 */
const PREFIX = (code: string) => `${significantPrefix(code) ?? code}%`;

/** Inbox, statistics and exports, read from tip_list. None of it holds a reporter's identity. */
export class TipQueries extends TipReadModel {
  constructor(
    private readonly pool: Pool,
    private readonly policy: TipPolicy,
  ) {
    super();
  }

  private categoryName(code: string): string {
    return this.policy.categories.find((c) => c.code === code)?.name ?? code;
  }

  private scopeSql(scope: string, isRoot: boolean, params: unknown[]): string {
    params.push(PREFIX(scope));
    const inside = `village_code LIKE $${params.length}`;
    return isRoot ? `(${inside} OR village_code IS NULL)` : inside;
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
    const params: unknown[] = [];
    const where = [this.scopeSql(f.scope, f.scopeIsDeploymentRoot, params)];
    if (reach === 'own_unit') {
      params.push(f.viewer.unitCode);
      where.push(`unit_code = $${params.length}`);
    }
    if (f.status?.length) {
      params.push(f.status);
      where.push(`status = ANY($${params.length})`);
    }
    if (f.category) {
      params.push(f.category);
      where.push(`category = $${params.length}`);
    }
    if (f.village) {
      params.push(PREFIX(f.village));
      where.push(`village_code LIKE $${params.length}`);
    }
    if (f.overdue !== undefined) where.push(f.overdue ? '(next_deadline_at < now() OR overdue_flagged)' : 'NOT (coalesce(next_deadline_at < now(), false) OR overdue_flagged)');
    if (f.electionRelated !== undefined) where.push(f.electionRelated ? 'election_related' : 'NOT election_related');
    // Repeats are listed (each with its link to the earlier tip) unless asked otherwise: each has a reporter to answer.
    if (f.includeRepeats === false) where.push('repeat_of IS NULL');
    const sqlWhere = where.join(' AND ');
    const total = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM tip_list WHERE ${sqlWhere}`, params);
    params.push(f.limit, f.offset);
    const { rows } = await this.pool.query(
      `SELECT *, to_char(next_deadline_due, 'YYYY-MM-DD') AS next_due, (next_deadline_at < now() OR overdue_flagged) AS overdue FROM tip_list WHERE ${sqlWhere}
        ORDER BY received_at DESC, tip_id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const visible = rows
      .map((r) => this.toRow(r))
      .flatMap((row) => {
        // The SQL above already keeps to the subtree (and the unit): each row is in scope.
        const parts = visibleParts(tipViewFor(this.policy.access, f.viewer, { inScope: true, unitCode: row.unitCode }));
        if (!parts.row) return [];
        return [parts.subjects ? row : { ...row, subjects: null }];
      });
    return { total: Number(total.rows[0].n), rows: visible };
  }

  private requireStatistics(viewer: TipViewer): void {
    if (!seesStatistics(this.policy.access, viewer.roles)) {
      throw new DomainForbiddenError('tip.statistics_forbidden', '您的角色不能查看举报统计数据', `roles ${viewer.roles.join(',')} see no figures`);
    }
  }

  private toRow(r: any): InboxRow {
    return {
      tipId: r.tip_id,
      status: r.status,
      statusLabel: TIP_STATUS_LABELS[r.status as TipStatus],
      channel: r.channel,
      channelLabel: TIP_CHANNEL_LABELS[r.channel as keyof typeof TIP_CHANNEL_LABELS] ?? r.channel,
      category: r.category,
      categoryLabel: this.categoryName(r.category),
      villageCode: r.village_code,
      townshipCode: r.township_code,
      subjects: r.subjects_label,
      anonymous: r.anonymous,
      electionRelated: r.election_related,
      objection: r.objection,
      repeatOf: r.repeat_of,
      repeatCount: r.repeat_count,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      finding: r.finding ? FINDING_LABELS[r.finding as Finding] : null,
      receivedAt: r.received_at.toISOString(),
      receivedAtLocal: formatShanghai(r.received_at),
      nextDeadline: r.next_deadline_kind
        ? {
            kind: r.next_deadline_kind,
            label: DEADLINE_LABELS[r.next_deadline_kind as DeadlineKind],
            due: r.next_due,
            endsAt: r.next_deadline_at.toISOString(),
          }
        : null,
      overdue: Boolean(r.overdue),
      regime: r.regime,
    };
  }

  /**
   * Figures per township, month or category: received (all, repeats included), repeats, accepted,
   * concluded, concluded within the limit (% of concluded), substantiated (% of concluded).
   */
  async statistics(q: { scope: string; scopeIsDeploymentRoot: boolean; viewer: TipViewer; from: string; to: string; by: 'township' | 'month' | 'category' }): Promise<StatsRow[]> {
    this.requireStatistics(q.viewer);
    const params: unknown[] = [q.from, q.to];
    const scope = this.scopeSql(q.scope, q.scopeIsDeploymentRoot, params);
    const key =
      q.by === 'township' ? "coalesce(township_code, '')" : q.by === 'month' ? "to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')" : 'category';
    const { rows } = await this.pool.query(
      `SELECT ${key} AS key, ${FIGURES}
         FROM tip_list
        WHERE received_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND received_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AND ${scope}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    return rows.map((r) => toStats(r.key, q.by === 'category' ? this.categoryName(r.key) : r.key, r));
  }

  async totals(q: { scope: string; scopeIsDeploymentRoot: boolean; viewer: TipViewer; from: string; to: string }): Promise<StatsRow> {
    this.requireStatistics(q.viewer);
    const params: unknown[] = [q.from, q.to];
    const scope = this.scopeSql(q.scope, q.scopeIsDeploymentRoot, params);
    const { rows } = await this.pool.query(
      `SELECT ${FIGURES} FROM tip_list
        WHERE received_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND received_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AND ${scope}`,
      params,
    );
    return toStats('total', '合计', rows[0]);
  }
}

const FIGURES = `count(*) AS received,
  count(*) FILTER (WHERE repeat_of IS NOT NULL) AS repeats,
  count(*) FILTER (WHERE accepted_at IS NOT NULL) AS accepted,
  count(*) FILTER (WHERE concluded_at IS NOT NULL) AS concluded,
  count(*) FILTER (WHERE concluded_within_limit) AS within_limit,
  count(*) FILTER (WHERE finding IN ('substantiated', 'partly_substantiated')) AS substantiated,
  count(*) FILTER (WHERE election_related) AS election_related,
  count(*) FILTER (WHERE false_accusation) AS false_accusations`;

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

function toStats(key: string, label: string, r: any): StatsRow {
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

/** A sentence a report can quote: "共接到各类信访举报 12 件，比上届减少 3 件". */
export function reportSentence(current: StatsRow, previous: StatsRow | null): string {
  let s = `共接到各类信访举报 ${current.received} 件`;
  if (previous) {
    const diff = current.received - previous.received;
    s += diff === 0 ? '，与上届持平' : diff < 0 ? `，比上届减少 ${-diff} 件` : `，比上届增加 ${diff} 件`;
  }
  if (current.concluded > 0) {
    s += `；已办结 ${current.concluded} 件，按期办结率 ${current.concludedWithinLimitPct}%，属实或部分属实 ${current.substantiated} 件`;
  }
  return `${s}。`;
}
