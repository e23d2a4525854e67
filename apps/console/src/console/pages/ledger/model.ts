// What the grievance service answers (/grievance/…), as the ledger pages read it.
export type Light = 'green' | 'yellow' | 'red' | 'none';
export type CaseStatus = 'assigned' | 'in_progress' | 'returned' | 'closing_applied' | 'closed';

export interface LedgerRow {
  caseId: string;
  version: number;
  status: CaseStatus;
  statusLabel: string;
  villageCode: string;
  villageName: string;
  townshipCode: string | null;
  source: { kind: string; ref: string | null };
  sourceLabel: string;
  category: string;
  severity: 'general' | 'major' | 'serious';
  severityLabel: string;
  description: string;
  measures: string;
  responsibleUnit: string;
  responsiblePerson: { name: string; post: string | null } | null;
  directlyResponsible: string;
  deadline: { startOn: string; due: string; endsAt: string; beyondHorizon: boolean; workingDaysLeft: number | null };
  light: Light;
  lightLabel: string;
  redCount: number;
  lastEscalation: string | null;
  latestProgress: string | null;
  closedAt: string | null;
  openedAtLocal: string;
  closedAtLocal: string | null;
}

export interface StatsRow {
  code: string;
  name: string;
  total: number;
  closed: number;
  open: number;
  overdue: number;
  escalated: number;
  closureRate: number | null;
}

export const SOURCE_LABELS: Record<string, string> = {
  tip: '信访举报',
  audit: '审计发现',
  inspection: '“回头看”检查',
  analysis: '研判分析',
  evaluation: '民主测评',
  citizen: '群众诉求',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  assigned: '已交办',
  in_progress: '整改中',
  returned: '退回整改',
  closing_applied: '申请销号',
  closed: '已销号',
};

export const STATUS_COLORS: Record<CaseStatus, string> = {
  assigned: 'default',
  in_progress: 'processing',
  returned: 'warning',
  closing_applied: 'cyan',
  closed: 'success',
};

export const LIGHT_LABELS: Record<Exclude<Light, 'none'>, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const LIGHT_COLORS: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red', none: 'default' };

export const lightColor = (l: Light) => LIGHT_COLORS[l];

/** The working-day countdown as the API computes it (official calendar, Asia/Shanghai). */
export function countdownText(r: Pick<LedgerRow, 'status' | 'deadline'>): string {
  if (r.status === 'closed') return '—';
  const n = r.deadline.workingDaysLeft;
  if (n === null) return '—';
  const suffix = r.deadline.beyondHorizon ? '（按普通工作日估算）' : '';
  if (n > 0) return `剩 ${n} 个工作日${suffix}`;
  if (n === 0) return `今日到期${suffix}`;
  return `已逾期 ${-n} 个工作日${suffix}`;
}

/** Audit findings carry their category code into the ledger; readers of auditing see its Chinese name. */
export function categoryText(r: { source: { kind: string }; category: string }, auditNames: Map<string, string> | undefined): string {
  return r.source.kind === 'audit' ? (auditNames?.get(r.category) ?? r.category) : r.category;
}
