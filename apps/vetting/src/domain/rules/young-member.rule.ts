import { hasAtLeast } from './facts';
import { fullYearsOn } from './full-years';
import { personsIn, TWO_COMMITTEES } from './slate-people';
import type { SlateRule } from './verdict';

/**
 * ≥1 "35 岁以下" nominee of the two committees, with 大专+ in packs that say so. "以下" includes the
 * number itself (as in every age limit of the pack and the usual reading of Chinese rules): a
 * nominee exactly 35 in full years at the cut-off counts; one whose 36th birthday falls on it does not.
 */
export const youngMemberRule: SlateRule = {
  id: 'slate.young',
  title: '年轻成员',
  evaluate: (pack, s) => {
    const rule = pack.slateRules.young;
    if (!rule.required) return [];
    const young = personsIn(s, TWO_COMMITTEES).filter(
      (p) => fullYearsOn(p.birthDate, pack.cutOffDate) <= rule.maxAge && (rule.minEducation === null || hasAtLeast(p.education, rule.minEducation)),
    );
    const need = `${rule.maxAge} 周岁以下${rule.minEducation ? `且${rule.minEducation}以上学历` : ''}`;
    const evidence = { cutOffDate: pack.cutOffDate, maxAge: rule.maxAge, minEducation: rule.minEducation, young: young.map((p) => ({ personId: p.personId, birthDate: p.birthDate, education: p.education })) };
    const base = { ruleId: 'slate.young', evidence, villageCode: s.villageCode };
    return [young.length > 0 ? { ...base, kind: 'pass', message: `${need}人选 ${young.length} 名` } : { ...base, kind: rule.kind, message: `“两委”人选中至少应有 1 名${need}的成员` }];
  },
};
