import type { PolicyPack } from '../policy/policy-pack';
import { applyApprovals, type Approval } from './approval';
import { marginRule } from './margin.rule';
import { nearRelativesRule } from './near-relatives.rule';
import { seatsRule } from './seats.rule';
import type { Slate } from './slate';
import { supervisionRule } from './supervision.rule';
import type { SlateRule, Verdict } from './verdict';
import { womanRule } from './woman.rule';
import { youngMemberRule } from './young-member.rule';

export const SLATE_RULES: readonly SlateRule[] = [seatsRule, marginRule, womanRule, youngMemberRule, nearRelativesRule, supervisionRule];

/** Every slate rule of the pack on one village's nominees; approvals applied last. Pure. */
export function evaluateSlate(pack: PolicyPack, slate: Slate, approvals: readonly Approval[] = []): Verdict[] {
  return applyApprovals(
    SLATE_RULES.flatMap((r) => r.evaluate(pack, slate)),
    approvals,
  );
}
