import type { PolicyPack } from '../policy/policy-pack';
import { applyApprovals, type Approval } from './approval';
import { continuingSecretaryAgeRule } from './continuing-secretary-age.rule';
import type { PersonFacts } from './facts';
import { negativeListRule } from './negative-list.rule';
import { newMemberRule } from './new-member.rule';
import { newSecretaryAgeRule } from './new-secretary-age.rule';
import { newSecretaryEducationRule } from './new-secretary-education.rule';
import type { Nomination } from './nomination';
import { partyMembershipRule } from './party-membership.rule';
import { partyStandingRule } from './party-standing.rule';
import { substantiatedTipRule } from './substantiated-tip.rule';
import type { PersonRule, Verdict } from './verdict';

export const PERSON_RULES: readonly PersonRule[] = [
  negativeListRule,
  substantiatedTipRule,
  partyMembershipRule,
  partyStandingRule,
  newSecretaryAgeRule,
  newSecretaryEducationRule,
  continuingSecretaryAgeRule,
  newMemberRule,
];

/** Every person rule of the pack on one nominee for one post; approvals applied last. Pure. */
export function evaluatePerson(pack: PolicyPack, facts: PersonFacts, nomination: Nomination, approvals: readonly Approval[] = []): Verdict[] {
  return applyApprovals(
    PERSON_RULES.flatMap((r) => r.evaluate(pack, facts, nomination)),
    approvals,
  );
}
