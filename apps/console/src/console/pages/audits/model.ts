// What the auditing service answers (/auditing/…), as the audit pages read it. Amounts stay exact
// decimal strings of yuan from end to end: they are formatted as text, never parsed into floats.
export type EngagementStatus = 'planned' | 'fieldwork' | 'draft' | 'concluded' | 'published';
export type Severity = 'general' | 'major' | 'serious';

export interface Person {
  name: string;
  post: string | null;
}

export interface EngagementRow {
  engagementId: string;
  kind: 'outgoing' | 'three_assets';
  villageCode: string;
  villageName: string;
  electionId: string | null;
  status: EngagementStatus;
  statusLabel: string;
  persons: Person[];
  auditors: string[];
  periodFrom: string;
  periodTo: string;
  plannedAt: string;
  publishedAt: string | null;
  noticeEndsOn: string | null;
  findings: number;
  seriousOpen: number;
  amount: string | null;
}

export interface FindingContent {
  category: string;
  severity: Severity;
  amount: string | null;
  description: string;
  responsiblePersons: Person[];
  evidence: { fileName: string; sha256: string }[];
  rectificationRequired: boolean;
  violationSuspected: boolean;
}

export interface Finding extends FindingContent {
  findingId: string;
  categoryName: string;
  severityLabel: string;
  recordedAt: string;
  recordedBy: string | null;
  revisions: { content: FindingContent; at: string; by: string | null; reason: string | null }[];
  rectified: { at: string; caseId: string | null } | null;
  transferred: boolean;
}

export interface Engagement {
  engagementId: string;
  version: number;
  kind: 'outgoing' | 'three_assets';
  villageCode: string;
  villageName: string;
  electionId: string | null;
  status: EngagementStatus;
  statusLabel: string;
  persons: Person[];
  periodFrom: string;
  periodTo: string;
  auditors: string[];
  dates: { plannedAt: string; fieldworkAt: string | null; draftAt: string | null; concludedAt: string | null; publishedAt: string | null };
  summary: string | null;
  notice: { endsOn: string; endsAt: string; beyondHorizon: boolean; period: string } | null;
  seriousOpen: number;
  gateReasons: string[];
  totals: { rows: { category: string; categoryName: string; findings: number; amount: string }[]; total: string };
  findings: Finding[];
}

export interface Progress {
  electionId: string;
  planned: number;
  inFieldwork: number;
  concluded: number;
  published: number;
  seriousOpen: number;
  villagesWithSeriousOpen: number;
  blockingVillages: number;
  blocking: { villageCode: string; villageName: string; engagementId: string; status: EngagementStatus; seriousOpen: number; reasons: string[] }[];
}

export interface Summary {
  electionId: string | null;
  rows: { category: string; categoryName: string; findings: number; serious: number; amount: string }[];
  findings: number;
  total: string;
}

export interface Categories {
  categories: { code: string; name: string }[];
  severities: { code: Severity; label: string }[];
}

export const STATUS_LABELS: Record<EngagementStatus, string> = {
  planned: '已计划',
  fieldwork: '现场审计',
  draft: '报告征求意见',
  concluded: '已出结论',
  published: '已公示',
};

export const STATUS_COLORS: Record<EngagementStatus, string> = {
  planned: 'default',
  fieldwork: 'processing',
  draft: 'warning',
  concluded: 'cyan',
  published: 'success',
};

export const KIND_LABELS = { outgoing: '离任经济责任审计', three_assets: '三资审计' } as const;

export const SEVERITY_COLORS: Record<Severity, string> = { general: 'default', major: 'orange', serious: 'red' };

/** "1234567.5" → "1,234,567.5" by string work alone (no float ever holds the amount); null → "—". */
export function formatYuan(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const negative = amount.startsWith('-');
  const [int, frac] = amount.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

export const personsText = (ps: Person[]) => (ps.length ? ps.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、') : '—');
