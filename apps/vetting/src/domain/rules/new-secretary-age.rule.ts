import { isPartySecretary } from '../roster/post';
import { fullYearsOn } from './full-years';
import type { PersonRule } from './verdict';

/** 新任书记 "重点选拔 45 周岁以下": age in full years at the cut-off, the limit itself included. */
export const newSecretaryAgeRule: PersonRule = {
  id: 'secretary.new_age',
  title: '新任书记年龄',
  evaluate: (pack, f, n) => {
    if (!isPartySecretary(n) || n.tenure === 'continuing') return [];
    const pref = pack.postRules.newSecretary;
    const age = fullYearsOn(f.birthDate, pack.cutOffDate);
    const evidence = { birthDate: f.birthDate, cutOffDate: pack.cutOffDate, age, maxAge: pref.maxAge };
    const base = { ruleId: 'secretary.new_age', evidence, personId: f.personId };
    return [
      age <= pref.maxAge
        ? { ...base, kind: 'pass', message: `${age} 周岁` }
        : { ...base, kind: pref.kind, message: `${f.name}新任书记，截至 ${pack.cutOffDate} 为 ${age} 周岁，超过 ${pref.maxAge} 周岁` },
    ];
  },
};
