import type { AuditedPerson, EngagementKind, EngagementStatus, Severity } from '../domain/engagement';

export interface ScopeFilter {
  /** The user's node (significant digits): only villages of this subtree. */
  scope: string;
  electionId?: string;
}

/** The summary's filter: the scope, narrowed to a node inside it and to a period (Asia/Shanghai dates, inclusive). */
export interface SummaryFilter extends ScopeFilter {
  /** A township or village (significant digits); combined with the scope, so nothing outside it is read. */
  node?: string;
  period?: { from: string; to: string };
}

export interface EngagementFilter extends ScopeFilter {
  status?: EngagementStatus[];
  kind?: EngagementKind;
  /** A township or village code inside the scope. */
  village?: string;
  limit: number;
  offset: number;
}

export interface EngagementRow {
  engagementId: string;
  kind: EngagementKind;
  villageCode: string;
  villageName: string;
  electionId: string | null;
  status: EngagementStatus;
  statusLabel: string;
  persons: AuditedPerson[];
  auditors: string[];
  periodFrom: string;
  periodTo: string;
  plannedAt: string;
  publishedAt: string | null;
  noticeEndsOn: string | null;
  findings: number;
  seriousOpen: number;
  /** Exact yuan of all findings, or null. */
  amount: string | null;
}

export interface AuditedElection {
  electionId: string;
  planned: number;
  published: number;
  plannedAt: string;
}

/** A village whose audit still holds its election back, with why. */
export interface GatingVillage {
  villageCode: string;
  villageName: string;
  engagementId: string;
  status: EngagementStatus;
  seriousOpen: number;
  reasons: string[];
}

export interface ElectionProgress {
  electionId: string;
  planned: number;
  inFieldwork: number;
  concluded: number;
  published: number;
  seriousOpen: number;
  villagesWithSeriousOpen: number;
  blockingVillages: number;
  blocking: GatingVillage[];
}

export interface CategorySum {
  category: string;
  categoryName: string;
  findings: number;
  serious: number;
  /** Exact yuan. */
  amount: string;
}

export interface AuditSummary {
  electionId: string | null;
  node: string | null;
  from: string | null;
  to: string | null;
  rows: CategorySum[];
  findings: number;
  serious: number;
  total: string;
  engagements: { planned: number; concluded: number; published: number };
}

export interface FindingRow {
  findingId: string;
  engagementId: string;
  villageCode: string;
  villageName: string;
  kind: string;
  category: string;
  categoryName: string;
  severity: Severity;
  severityLabel: string;
  /** Exact yuan, or null. */
  amount: string | null;
  description: string;
  responsible: string;
  rectificationRequired: boolean;
  rectified: boolean;
  violationSuspected: boolean;
  amendments: number;
  recordedAtLocal: string;
}

/** Lists, progress and sums across engagements, read from the projections; every read is limited to a subtree. */
export abstract class AuditingReadModel {
  abstract list(f: EngagementFilter): Promise<{ total: number; rows: EngagementRow[] }>;
  /** Elections that planned audits in the scope, newest first, with how many are planned and published. */
  abstract elections(scope: string): Promise<{ rows: AuditedElection[] }>;
  /** An election's audits: planned, concluded and published villages, serious findings open, and the villages they gate. */
  abstract progress(electionId: string, scope: string): Promise<ElectionProgress>;
  abstract summary(f: SummaryFilter): Promise<AuditSummary>;
  abstract findings(f: ScopeFilter): Promise<FindingRow[]>;
}
