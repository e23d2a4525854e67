import type { PolicyPack } from '../policy/policy-pack';
import type { Approval, Nomination, PersonFacts, Verdict } from './facts';
import { ageRule, educationRule, negativeListRules, partyRule } from './person-rules';
import { marginRule, nearRelativeRule, supervisionRule, womanRule, youngRule, type Slate } from './slate-rules';

/** An approval turns a needs-approval verdict into approved (kept, with the approval as evidence); never a block. */
function withApprovals(verdicts: Verdict[], approvals: readonly Approval[]): Verdict[] {
  return verdicts.map((v) => {
    if (v.kind !== 'needs_approval') return v;
    const a = approvals.find((x) => x.ruleId === v.ruleId && x.personId === v.personId);
    return a ? { ...v, kind: 'approved', evidence: { ...(v.evidence as object), approval: a } } : v;
  });
}

export function evaluatePerson(pack: PolicyPack, facts: PersonFacts, nomination: Nomination, approvals: readonly Approval[] = []): Verdict[] {
  return withApprovals(
    [...negativeListRules(pack, facts), ageRule(pack, facts, nomination), partyRule(pack, facts, nomination), educationRule(pack, facts, nomination)],
    approvals,
  );
}

export function evaluateSlate(pack: PolicyPack, slate: Slate, approvals: readonly Approval[] = []): Verdict[] {
  return withApprovals(
    [marginRule(pack, slate, 'party'), marginRule(pack, slate, 'committee'), womanRule(pack, slate), youngRule(pack, slate), nearRelativeRule(pack, slate), supervisionRule(pack, slate)],
    approvals,
  );
}
