/** One rule's verdict on a nominee or a slate, as the rules engine gives it (kept verbatim in events). */
export interface ReviewVerdict {
  ruleId: string;
  kind: 'block' | 'warn' | 'needs_approval' | 'approved' | 'pass';
  /** Chinese, for the clerk: what the rule found. */
  message: string;
  /** The facts the rule used (records, dates, numbers). */
  evidence?: unknown;
}

/** A nominee goes on if no verdict blocks and every needs-approval has its approval. */
export function verdictsAllow(verdicts: readonly ReviewVerdict[]): boolean {
  return !verdicts.some((v) => v.kind === 'block' || v.kind === 'needs_approval');
}
