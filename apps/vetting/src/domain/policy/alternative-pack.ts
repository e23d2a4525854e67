import { DEFAULT_PACK } from './default-pack';
import { validatePolicyPack, type PolicyPack } from './policy-pack';

/**
 * Another province's rules, loaded as data: wider margin, younger secretaries, a 5-year window for
 * sanctions, the young member must have 大专+. No code differs; only these numbers.
 */
export const ALTERNATIVE_PACK: PolicyPack = validatePolicyPack({
  ...DEFAULT_PACK,
  id: 'alternative',
  version: 1,
  name: '示例：另一省份政策包',
  margin: { preliminaryRatio: 1.5, finalExtra: 1 },
  negativeList: DEFAULT_PACK.negativeList.map((n) => (n.id === 'party_sanction' ? { ...n, label: '受到撤销党内职务以上处分未满 5 年', lookBack: { years: 5 } } : n)),
  age: { newSecretaryPreferredMax: 40, continuingSecretaryMax: 50, continuingSecretaryApprovalMax: 58, under: 35 },
  slate: { ...DEFAULT_PACK.slate, youngNeedsCollege: true },
});

export function packOf(packs: readonly PolicyPack[], id: string): PolicyPack | undefined {
  return packs.find((p) => p.id === id);
}
