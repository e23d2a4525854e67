import { isPartySecretary } from '../roster/post';
import { hasAtLeast } from './facts';
import type { PersonRule } from './verdict';

/** 新任书记 "大专以上文化程度" preferred. */
export const newSecretaryEducationRule: PersonRule = {
  id: 'secretary.new_education',
  title: '新任书记学历',
  evaluate: (pack, f, n) => {
    if (!isPartySecretary(n) || n.tenure === 'continuing') return [];
    const pref = pack.postRules.newSecretary;
    const evidence = { education: f.education, minEducation: pref.minEducation };
    const base = { ruleId: 'secretary.new_education', evidence, personId: f.personId };
    return [
      hasAtLeast(f.education, pref.minEducation)
        ? { ...base, kind: 'pass', message: f.education }
        : { ...base, kind: pref.kind, message: `${f.name}新任书记，学历${f.education}，低于${pref.minEducation}` },
    ];
  },
};
