import { fullYearsOn } from './full-years';
import { hasAtLeast } from './facts';
import type { PersonRule } from './verdict';

/** Packs that say "新进两委班子的，注重选拔 45 岁以下且具有高中（中专）以上": a preference for newcomers. */
export const newMemberRule: PersonRule = {
  id: 'member.new_profile',
  title: '新进班子成员年龄、学历',
  evaluate: (pack, f, n) => {
    const pref = pack.postRules.newMember;
    if (!pref || n.tenure !== 'new' || (n.body !== 'party' && n.body !== 'committee')) return [];
    const age = fullYearsOn(f.birthDate, pack.cutOffDate);
    const evidence = { birthDate: f.birthDate, cutOffDate: pack.cutOffDate, age, maxAge: pref.maxAge, education: f.education, minEducation: pref.minEducation };
    const problems = [...(age > pref.maxAge ? [`${age} 周岁，超过 ${pref.maxAge} 周岁`] : []), ...(hasAtLeast(f.education, pref.minEducation) ? [] : [`学历${f.education}，低于${pref.minEducation}`])];
    const base = { ruleId: 'member.new_profile', evidence, personId: f.personId };
    return [problems.length === 0 ? { ...base, kind: 'pass', message: `${age} 周岁，${f.education}` } : { ...base, kind: pref.kind, message: `${f.name}新进班子：${problems.join('，')}` }];
  },
};
