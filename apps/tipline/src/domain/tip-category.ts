/** The three groups DOMAIN.md §2 names: election matters, discipline matters, and what is not ours (→ transfer). */
export type CategoryGroup = 'election' | 'discipline' | 'out_of_scope';

export interface TipCategory {
  code: string;
  name: string;
  group: CategoryGroup;
}

/** Default categories (DOMAIN.md §2). Data, not code: a deployment's policy may replace the list. */
export const DEFAULT_TIP_CATEGORIES: readonly TipCategory[] = [
  { code: 'vote_buying', name: '拉票贿选', group: 'election' },
  { code: 'election_sabotage', name: '破坏选举', group: 'election' },
  { code: 'improper_nomination', name: '违规提名', group: 'election' },
  { code: 'corruption', name: '贪腐谋私', group: 'discipline' },
  { code: 'favouritism', name: '优亲厚友', group: 'discipline' },
  { code: 'collective_funds', name: '侵占集体资金', group: 'discipline' },
  { code: 'village_tyrant', name: '村霸黑恶', group: 'discipline' },
  { code: 'clan_interference', name: '宗族干扰', group: 'discipline' },
  { code: 'inaction', name: '不作为', group: 'discipline' },
  { code: 'misconduct', name: '乱作为', group: 'discipline' },
  { code: 'work_style', name: '作风问题', group: 'discipline' },
  { code: 'out_of_scope', name: '其他（不属于本机关受理范围）', group: 'out_of_scope' },
];

export const CATEGORY_GROUP_LABELS: Readonly<Record<CategoryGroup, string>> = {
  election: '换届选举',
  discipline: '纪律作风',
  out_of_scope: '不属于受理范围',
};
