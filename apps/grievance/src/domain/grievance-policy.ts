import type { Severity } from './case-status';

/** Escalation measures for repeated reds: 约谈 (talk) on the second, 诫勉 (admonishment) from the third. */
export type EscalationMeasure = 'interview' | 'admonishment';

export const ESCALATION_LABELS: Readonly<Record<EscalationMeasure, string>> = { interview: '约谈', admonishment: '诫勉' };

/** Every number of rectification tracking is data: a county loads its own without code. */
export interface GrievancePolicy {
  /** Yellow light this many working days before the limit's last day. */
  yellowLeadWorkingDays: number;
  /** Rectification limit in working days when the source does not set one, by severity. */
  defaultLimitWorkingDays: Readonly<Record<Severity, number>>;
  /** The measure recorded at the n-th red (index 0 = 2nd red); the last one repeats. */
  escalationLadder: readonly EscalationMeasure[];
  /** A reviewer may not close or return a case whose closing they applied for themselves. */
  forbidSelfReview: boolean;
  /** How far back a case's 交办日期 may be entered (paper ledgers entered late), in calendar days. */
  maxBackdateDays: number;
}

export const DEFAULT_GRIEVANCE_POLICY: GrievancePolicy = {
  yellowLeadWorkingDays: 3,
  defaultLimitWorkingDays: { general: 20, major: 30, serious: 30 },
  escalationLadder: ['interview', 'admonishment'],
  forbidSelfReview: true,
  maxBackdateDays: 366,
};

/** The measure a case's `redCount`-th red records, or null on the first red. */
export function escalationFor(redCount: number, policy: GrievancePolicy): EscalationMeasure | null {
  if (redCount < 2 || policy.escalationLadder.length === 0) return null;
  const ladder = policy.escalationLadder;
  return ladder[Math.min(redCount - 2, ladder.length - 1)];
}
