import { DomainValidationError } from '@lw/domain';
import type { Verdict } from './verdict';

/**
 * An explicit exception recorded by an authorised user (the application checks the authority):
 * it names one rule and one person (person rules) or one village (slate rules).
 */
export interface Approval {
  ruleId: string;
  personId?: string;
  villageCode?: string;
  approvedBy: string;
  reason: string;
  /** ISO instant it was recorded. */
  at: string;
}

function check(a: Approval): void {
  const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
  if (blank(a.ruleId) || blank(a.approvedBy) || blank(a.reason) || blank(a.at) || (blank(a.personId) && blank(a.villageCode))) {
    throw new DomainValidationError(
      'vetting.approval_invalid',
      '例外批准须写明规则、对象（人员或村）、批准人、理由和时间',
      `approval incomplete: ${JSON.stringify({ ruleId: a.ruleId, personId: a.personId, villageCode: a.villageCode })}`,
    );
  }
}

function matches(a: Approval, v: Verdict): boolean {
  if (a.ruleId !== v.ruleId) return false;
  return v.personId !== undefined ? a.personId === v.personId : a.villageCode !== undefined && a.villageCode === v.villageCode;
}

/**
 * Turns each needs-approval verdict that has a matching approval into 'approved', keeping its
 * evidence and adding the approval to it. Blocks and warnings are returned unchanged: an approval
 * never lifts a block, whatever it names.
 */
export function applyApprovals(verdicts: readonly Verdict[], approvals: readonly Approval[]): Verdict[] {
  approvals.forEach(check);
  return verdicts.map((v) => {
    if (v.kind !== 'needs_approval') return v;
    const approval = approvals.find((a) => matches(a, v));
    return approval ? { ...v, kind: 'approved', message: `${v.message}（已批准：${approval.reason}）`, evidence: { ...v.evidence, approval } } : v;
  });
}
