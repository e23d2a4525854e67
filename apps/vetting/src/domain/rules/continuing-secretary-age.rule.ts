import { isPartySecretary } from '../roster/post';
import { fullYearsOn } from './full-years';
import type { PersonRule } from './verdict';

/**
 * 连任书记 "一般不超过 55 周岁…放宽后不超过 60 周岁": up to maxAge passes, up to approvalMaxAge needs the
 * county's recorded approval, beyond it is refused. Full years at the cut-off, limits included.
 */
export const continuingSecretaryAgeRule: PersonRule = {
  id: 'secretary.continuing_age',
  title: '连任书记年龄',
  evaluate: (pack, f, n) => {
    if (!isPartySecretary(n) || n.tenure !== 'continuing') return [];
    const { maxAge, approvalMaxAge } = pack.postRules.continuingSecretary;
    const age = fullYearsOn(f.birthDate, pack.cutOffDate);
    const evidence = { birthDate: f.birthDate, cutOffDate: pack.cutOffDate, age, maxAge, approvalMaxAge };
    const base = { ruleId: 'secretary.continuing_age', evidence, personId: f.personId };
    const said = `${f.name}连任书记，截至 ${pack.cutOffDate} 为 ${age} 周岁`;
    if (age <= maxAge) return [{ ...base, kind: 'pass', message: `${age} 周岁` }];
    if (approvalMaxAge === null || age <= approvalMaxAge) {
      return [{ ...base, kind: 'needs_approval', message: `${said}，超过 ${maxAge} 周岁，须经县级党委组织部门批准` }];
    }
    return [{ ...base, kind: 'block', message: `${said}，超过放宽后的 ${approvalMaxAge} 周岁` }];
  },
};
