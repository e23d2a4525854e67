import type { CaseSourceKind, CaseStatus, Light, Severity } from '../domain';

export interface LedgerFilter {
  /** The user's node (significant digits): only cases of villages in this subtree. */
  scope: string;
  /** A township or village code inside the scope. */
  node?: string;
  source?: CaseSourceKind[];
  category?: string;
  light?: Light[];
  status?: CaseStatus[];
  severity?: Severity[];
  limit: number;
  offset: number;
}

export interface LedgerRow {
  caseId: string;
  version: number;
  status: CaseStatus;
  statusLabel: string;
  villageCode: string;
  villageName: string;
  townshipCode: string | null;
  source: { kind: CaseSourceKind; ref: string | null };
  sourceLabel: string;
  category: string;
  severity: Severity;
  severityLabel: string;
  description: string;
  measures: string;
  responsibleUnit: string;
  responsiblePerson: { name: string; post: string | null } | null;
  directlyResponsible: string;
  /** workingDaysLeft: working days in (today, due] in Asia/Shanghai, negative once past (working days since); null without a calendar. */
  deadline: { startOn: string; due: string; endsAt: string; beyondHorizon: boolean; workingDaysLeft: number | null };
  /** Computed now from the limit: never waits for a job. */
  light: Light;
  lightLabel: string;
  redCount: number;
  lastEscalation: string | null;
  latestProgress: string | null;
  closedAt: string | null;
  /** Asia/Shanghai, for display. */
  openedAtLocal: string;
  closedAtLocal: string | null;
}

export interface StatsRow {
  code: string;
  name: string;
  total: number;
  closed: number;
  open: number;
  /** Open and past their limit now (read-time red). */
  overdue: number;
  escalated: number;
  /** 销号率: closed / total, in percent with one decimal; null without cases. */
  closureRate: number | null;
}

/** A period's figures (see CaseReadModel.periodStatistics); `open` = total − closed. */
export interface PeriodStatsRow extends StatsRow {
  /** Closed in the period, whenever opened. */
  closedInPeriod: number;
}

/** 一村一策: a village's open items across sources. */
export interface VillagePlanView {
  villageCode: string;
  villageName: string;
  bySource: { kind: CaseSourceKind; label: string; open: number }[];
  items: LedgerRow[];
}

export type StatsLevel = 'village' | 'township' | 'county';

/** The ledger (case_ledger) as the query handlers read it. */
export abstract class CaseReadModel {
  abstract ledger(f: LedgerFilter): Promise<{ total: number; rows: LedgerRow[] }>;
  abstract statistics(scope: string, by: StatsLevel): Promise<{ rows: StatsRow[]; total: StatsRow }>;
  /** The figures of a period (Asia/Shanghai dates, inclusive). */
  abstract periodStatistics(scope: string, by: StatsLevel, period: { from: string; to: string }): Promise<{ from: string; to: string; rows: PeriodStatsRow[]; total: PeriodStatsRow }>;
  abstract villagePlan(villageCode: string): Promise<VillagePlanView>;
}

/** The ledger as the Excel workbook clerks file (问题整改台账). */
export abstract class LedgerSpreadsheet {
  abstract write(rows: readonly LedgerRow[], title: string): Promise<Buffer>;
}
