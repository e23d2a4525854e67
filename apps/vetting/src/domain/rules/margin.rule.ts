import { BODY_LABELS } from '../roster/post';
import type { MarginRule } from '../policy/policy-pack';
import { personsIn } from './slate-people';
import type { SlateRule, Verdict } from './verdict';

/**
 * Candidates needed for `seats`: preliminary ⌈seats × ratio⌉, rounded UP because a fraction of a
 * person cannot stand and "不低于 20%" is a floor (3 × 1.2 = 3.6 → 4, 6 × 1.2 = 7.2 → 8). Computed
 * in whole hundredths (ratios have at most two decimals) so no binary fraction can tip it over an
 * integer. Final: seats + extra. Null when the stage has no rule.
 */
export function candidatesNeeded(rule: MarginRule, stage: 'preliminary' | 'final', seats: number): number | null {
  if (stage === 'final') return rule.finalExtra === null ? null : seats + rule.finalExtra;
  if (rule.preliminaryRatio === null) return null;
  const hundredths = seats * Math.round(rule.preliminaryRatio * 100);
  return Math.ceil(hundredths / 100);
}

/** 差额: at least the needed number of distinct candidates per body at the slate's stage. */
export const marginRule: SlateRule = {
  id: 'slate.margin',
  title: '差额比例',
  evaluate: (pack, s) =>
    (['party', 'committee'] as const).flatMap((body): Verdict[] => {
      const rule = pack.margin[body];
      const needed = candidatesNeeded(rule, s.stage, s.seats[body]);
      if (needed === null) return [];
      const have = personsIn(s, [body]).length;
      const evidence = { body, stage: s.stage, seats: s.seats[body], ratio: rule.preliminaryRatio, extra: rule.finalExtra, needed, have };
      const base = { ruleId: `slate.margin.${body}`, evidence, villageCode: s.villageCode };
      const stage = s.stage === 'preliminary' ? '初步人选' : '正式人选';
      return [
        have >= needed
          ? { ...base, kind: 'pass', message: `${BODY_LABELS[body]}${stage} ${have} 名，不少于 ${needed} 名` }
          : { ...base, kind: 'block', message: `${BODY_LABELS[body]}职数 ${s.seats[body]} 名，${stage}应不少于 ${needed} 名，现有 ${have} 名` },
      ];
    }),
};
