// The figures of a 研判 / 回头看 report draft: fetched from the four services for a subtree and a
// period, and for the previous period of the same length, then laid out as labelled rows. Pure:
// no React, no DOM; the HTTP call is passed in, so it can be read and tested on its own.
//
// Where each figure comes from (all inside the user's own subtree):
//   基本情况   GET /vetting/roster/basic-situation?scope&date&lastElectionDate — the roster on the
//              period's last day (and on the previous period's last day).
//   信访举报   GET /tipline/tips/statistics?from&to&by=township — tips RECEIVED in the period; of
//              those, accepted / concluded (as of now) / within limit / substantiated. The tip-line
//              offers no node filter: the user's own node reads the total, a township below it the
//              township's row (tips without a village only count at the deployment's root).
//   离任审计   GET /auditing/summary?node&from&to — engagements concluded and published in the
//              period, findings recorded in it, their amount (exact yuan) and serious ones.
//   整改销号   GET /grievance/ledger/statistics?by=county&node&from&to — cases opened in the period,
//              of those closed by its end (销号率), closed in it whenever opened, overdue at its end.

export type ReportKind = 'analysis' | 'review';

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  analysis: '综合分析研判',
  review: '换届“回头看”',
};

export interface Period {
  from: string;
  to: string;
}

export interface ReportRequest {
  kind: ReportKind;
  /** The subtree reported on (significant digits: 6 county, 9 township). */
  scope: string;
  scopeName: string;
  /** The user's own node (significant digits); the tip-line's figures are the user's scope. */
  userNode: string;
  period: Period;
  /** 上次换届 date: sanctions on or after it count as "since the last election". */
  lastElectionDate: string;
}

/** The HTTP GET the figures use: JSON answer, or a thrown error carrying `status` (403: not allowed). */
export type Get = <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;

export type Value = number | string | null;

export interface Figure {
  key: string;
  label: string;
  current: Value;
  previous: Value;
  /** 增加3 / 减少2 / 持平 / 上升1.5个百分点 / 增加12.00元 / — (no figure on one side). */
  change: string;
}

export type SectionKey = 'roster' | 'tips' | 'audits' | 'cases';

export interface Section {
  key: SectionKey;
  title: string;
  /** The API the figures come from, for the page and the report's notes. */
  source: string;
  status: 'ok' | 'forbidden' | 'error';
  message?: string;
  figures: Figure[];
}

export interface ReportFigures {
  request: ReportRequest;
  current: Period;
  previous: Period;
  /** The last election date used for the previous period (not after its end). */
  previousLastElectionDate: string;
  sections: Record<SectionKey, Section>;
}

// ---- dates (calendar dates, no time zone involved) -------------------------------------------

const DAY = 86_400_000;
const toDays = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY;
const fromDays = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export function isDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && fromDays(toDays(d)) === d;
}

/** Days in the period, both ends included. */
export function periodDays(p: Period): number {
  return toDays(p.to) - toDays(p.from) + 1;
}

/** The period of the same length that ends the day before this one starts. */
export function previousPeriod(p: Period): Period {
  const to = toDays(p.from) - 1;
  return { from: fromDays(to - periodDays(p) + 1), to: fromDays(to) };
}

/** 2026-03-31 → 2026年3月31日. */
export function chineseDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

// ---- changes ----------------------------------------------------------------------------------

/** Exact yuan string → fen (BigInt), so amounts are compared without floats. */
export function fenOf(yuan: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`not an amount: ${yuan}`);
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

export function yuanOf(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

type Kind = 'count' | 'percent' | 'amount' | 'age';

export function changeOf(current: Value, previous: Value, kind: Kind): string {
  if (current === null || previous === null) return '—';
  if (kind === 'amount') {
    const d = fenOf(String(current)) - fenOf(String(previous));
    return d === 0n ? '持平' : d > 0n ? `增加${yuanOf(d)}元` : `减少${yuanOf(-d)}元`;
  }
  // One decimal at most on both sides: compare in tenths to stay exact.
  const d = Math.round(Number(current) * 10) - Math.round(Number(previous) * 10);
  const abs = (Math.abs(d) / 10).toString();
  if (d === 0) return '持平';
  if (kind === 'percent') return d > 0 ? `上升${abs}个百分点` : `下降${abs}个百分点`;
  if (kind === 'age') return d > 0 ? `增加${abs}岁` : `减少${abs}岁`;
  return d > 0 ? `增加${abs}` : `减少${abs}`;
}

// ---- the services' answers (the fields read here) -------------------------------------------

export interface BasicSituation {
  cadres: number;
  partyCommittee: number;
  villagersCommittee: number;
  crossAppointed: number;
  oneShoulder: number;
  partyStatus: { 正式党员: number; 预备党员: number; 群众: number; 无党派或民主党派: number };
  women: number;
  ageBands: { under45: number; from45to54: number; from55: number };
  averageAge: number;
  education: { 大专及以上: number; '高中·中专': number; 初中: number; 小学: number };
  disciplinedSinceElection: number;
  disciplinedInEffect: number;
  reserve: number;
}

export interface TipStats {
  key: string;
  received: number;
  repeats: number;
  accepted: number;
  concluded: number;
  concludedWithinLimit: number;
  concludedWithinLimitPct: number | null;
  substantiated: number;
  substantiatedPct: number | null;
  electionRelated: number;
  falseAccusations: number;
}

export interface TipStatistics {
  rows: TipStats[];
  total: TipStats;
}

export interface AuditSummary {
  findings: number;
  serious: number;
  total: string;
  engagements: { planned: number; concluded: number; published: number };
}

export interface CaseStats {
  total: number;
  closed: number;
  open: number;
  overdue: number;
  escalated: number;
  closureRate: number | null;
  closedInPeriod: number;
}

export interface CaseStatistics {
  total: CaseStats;
}

// ---- the rows of each section -----------------------------------------------------------------

type Row<T> = [key: string, label: string, kind: Kind, read: (x: T) => Value];

export const ROSTER_ROWS: Row<BasicSituation>[] = [
  ['cadres', '“两委”干部总数（人）', 'count', (b) => b.cadres],
  ['partyCommittee', '村（社区）党组织委员（人）', 'count', (b) => b.partyCommittee],
  ['villagersCommittee', '村（居）民委员会委员（人）', 'count', (b) => b.villagersCommittee],
  ['crossAppointed', '交叉任职（人）', 'count', (b) => b.crossAppointed],
  ['oneShoulder', '书记、主任“一肩挑”（人）', 'count', (b) => b.oneShoulder],
  ['partyMembers', '正式党员（人）', 'count', (b) => b.partyStatus.正式党员],
  ['probationary', '预备党员（人）', 'count', (b) => b.partyStatus.预备党员],
  ['masses', '群众（人）', 'count', (b) => b.partyStatus.群众],
  ['nonParty', '无党派人士或民主党派（人）', 'count', (b) => b.partyStatus.无党派或民主党派],
  ['women', '女干部（人）', 'count', (b) => b.women],
  ['under45', '45周岁以下（人）', 'count', (b) => b.ageBands.under45],
  ['from45to54', '45—54周岁（人）', 'count', (b) => b.ageBands.from45to54],
  ['from55', '55周岁及以上（人）', 'count', (b) => b.ageBands.from55],
  // The roster answers 0 when there is nobody; a report writes no average then.
  ['averageAge', '平均年龄（周岁）', 'age', (b) => (b.cadres ? b.averageAge : null)],
  ['college', '大专及以上学历（人）', 'count', (b) => b.education.大专及以上],
  ['highSchool', '高中（中专）学历（人）', 'count', (b) => b.education['高中·中专']],
  ['middleSchool', '初中学历（人）', 'count', (b) => b.education.初中],
  ['primary', '小学学历（人）', 'count', (b) => b.education.小学],
  ['disciplined', '上次换届以来受到党纪政务处分（人）', 'count', (b) => b.disciplinedSinceElection],
  ['inEffect', '其中仍在处分影响期内（人）', 'count', (b) => b.disciplinedInEffect],
  ['reserve', '后备干部（人）', 'count', (b) => b.reserve],
];

export const TIP_ROWS: Row<TipStats>[] = [
  ['received', '收到信访举报（件）', 'count', (t) => t.received],
  ['repeats', '其中重复举报（件）', 'count', (t) => t.repeats],
  ['electionRelated', '其中涉及换届选举（件）', 'count', (t) => t.electionRelated],
  ['accepted', '已受理（件）', 'count', (t) => t.accepted],
  ['concluded', '已办结（件）', 'count', (t) => t.concluded],
  ['withinLimitPct', '按期办结率（%）', 'percent', (t) => t.concludedWithinLimitPct],
  ['substantiated', '属实或部分属实（件）', 'count', (t) => t.substantiated],
];

export const AUDIT_ROWS: Row<AuditSummary>[] = [
  ['concluded', '审计办结（个）', 'count', (a) => a.engagements.concluded],
  ['published', '审计结果公示（个）', 'count', (a) => a.engagements.published],
  ['findings', '发现问题（个）', 'count', (a) => a.findings],
  ['serious', '其中严重问题（个）', 'count', (a) => a.serious],
  ['amount', '问题涉及金额（元）', 'amount', (a) => a.total],
];

export const CASE_ROWS: Row<CaseStats>[] = [
  ['opened', '新增交办问题（个）', 'count', (c) => c.total],
  ['closedOfOpened', '其中已整改销号（个）', 'count', (c) => c.closed],
  ['closureRate', '销号率（%）', 'percent', (c) => c.closureRate],
  ['closedInPeriod', '本期整改销号（个）', 'count', (c) => c.closedInPeriod],
  ['overdue', '期末逾期未销号（个）', 'count', (c) => c.overdue],
];

function figuresOf<T>(rows: Row<T>[], current: T, previous: T): Figure[] {
  return rows.map(([key, label, kind, read]) => {
    const c = read(current);
    const p = read(previous);
    return { key, label, current: c, previous: p, change: changeOf(c, p, kind) };
  });
}

const ZERO_TIPS: TipStats = {
  key: '',
  received: 0,
  repeats: 0,
  accepted: 0,
  concluded: 0,
  concludedWithinLimit: 0,
  concludedWithinLimitPct: null,
  substantiated: 0,
  substantiatedPct: null,
  electionRelated: 0,
  falseAccusations: 0,
};

/** The tip-line's figures for the scope: the total at the user's own node, else the township's row. */
export function tipsOfScope(s: TipStatistics, scope: string, userNode: string): TipStats {
  if (scope === userNode) return s.total;
  return s.rows.find((r) => r.key === scope) ?? { ...ZERO_TIPS, key: scope };
}

const SECTION_META: Record<SectionKey, { title: string; source: string }> = {
  roster: { title: '班子基本情况', source: '班子名册（/vetting/roster/basic-situation），期末时点数' },
  tips: { title: '信访举报受理', source: '举报受理统计（/tipline/tips/statistics），按收到时间统计' },
  audits: { title: '离任经济责任审计', source: '审计汇总（/auditing/summary），按办结、公示、发现时间统计' },
  cases: { title: '问题整改销号', source: '整改台账统计（/grievance/ledger/statistics），按交办、销号时间统计' },
};

async function section<T>(key: SectionKey, load: () => Promise<[T, T]>, rows: Row<T>[]): Promise<Section> {
  const meta = SECTION_META[key];
  try {
    const [current, previous] = await load();
    return { key, ...meta, status: 'ok', figures: figuresOf(rows, current, previous) };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403) return { key, ...meta, status: 'forbidden', message: '当前角色无权读取该项数据', figures: [] };
    return { key, ...meta, status: 'error', message: (err as Error).message || '读取失败', figures: [] };
  }
}

/** Fetches every figure of the report, current and previous period, section by section (a refused section does not stop the others). */
export async function gatherFigures(get: Get, req: ReportRequest): Promise<ReportFigures> {
  const current = req.period;
  const previous = previousPeriod(current);
  const previousLastElectionDate = req.lastElectionDate <= previous.to ? req.lastElectionDate : previous.to;
  const both = <T>(one: (p: Period, last: string) => Promise<T>) => Promise.all([one(current, req.lastElectionDate), one(previous, previousLastElectionDate)]);

  const [roster, tips, audits, cases] = await Promise.all([
    section(
      'roster',
      () => both((p, last) => get<BasicSituation>('/vetting/roster/basic-situation', { scope: req.scope, date: p.to, lastElectionDate: last })),
      ROSTER_ROWS,
    ),
    section(
      'tips',
      async () => {
        const [c, p] = await both((p) => get<TipStatistics>('/tipline/tips/statistics', { from: p.from, to: p.to, by: 'township' }));
        return [tipsOfScope(c, req.scope, req.userNode), tipsOfScope(p, req.scope, req.userNode)] as [TipStats, TipStats];
      },
      TIP_ROWS,
    ),
    section('audits', () => both((p) => get<AuditSummary>('/auditing/summary', { node: req.scope, from: p.from, to: p.to })), AUDIT_ROWS),
    section(
      'cases',
      async () => {
        const [c, p] = await both((p) => get<CaseStatistics>('/grievance/ledger/statistics', { by: 'county', node: req.scope, from: p.from, to: p.to }));
        return [c.total, p.total] as [CaseStats, CaseStats];
      },
      CASE_ROWS,
    ),
  ]);
  return { request: req, current, previous, previousLastElectionDate, sections: { roster, tips, audits, cases } };
}

/** A figure's value as written in the report: a number, an amount, or — when there is none. */
export function show(v: Value): string {
  return v === null || v === undefined ? '—' : String(v);
}

/** The value of one figure of a section (for the narrative sentences); — when the section is missing. */
export function valueOf(f: ReportFigures, section: SectionKey, key: string, which: 'current' | 'previous' = 'current'): string {
  const fig = f.sections[section].figures.find((x) => x.key === key);
  return fig ? show(fig[which]) : '—';
}

export function changeText(f: ReportFigures, section: SectionKey, key: string): string {
  return f.sections[section].figures.find((x) => x.key === key)?.change ?? '—';
}
