/** 一般 / 较重 / 严重. */
export type Severity = 'general' | 'major' | 'serious';

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { general: '一般', major: '较重', serious: '严重' };

export interface PersonRef {
  name: string;
  post: string | null;
}

/** A file the auditors rely on, referenced by its content hash (the file itself lives in the working papers). */
export interface EvidenceRef {
  fileName: string;
  sha256: string;
}

/** What a finding says; an amendment replaces all of it (the earlier content stays in the history). */
export interface FindingContent {
  category: string;
  severity: Severity;
  /** Yuan as an exact decimal string ("1234.56"), or null when the problem has no amount. */
  amount: string | null;
  description: string;
  responsiblePersons: PersonRef[];
  evidence: EvidenceRef[];
  rectificationRequired: boolean;
  violationSuspected: boolean;
}

export interface FindingRevision {
  content: FindingContent;
  at: string;
  by: string | null;
  /** Null for the original record; the amendment's reason otherwise. */
  reason: string | null;
}

export interface FindingState extends FindingContent {
  findingId: string;
  recordedAt: string;
  recordedBy: string | null;
  /** Every version, the original first; the finding's fields are the last one's. */
  revisions: FindingRevision[];
  rectified: { at: string; caseId: string | null } | null;
  transferId: string | null;
}

/** A serious finding that must be rectified and is not yet: what keeps a village's election gated. */
export function isSeriousOpen(f: Pick<FindingState, 'severity' | 'rectificationRequired' | 'rectified'>): boolean {
  return f.severity === 'serious' && f.rectificationRequired && f.rectified === null;
}
