import { personsIn, TWO_COMMITTEES } from './slate-people';
import type { SlateRule } from './verdict';

/** 近亲属回避: no two nominees of the two committees may be near relatives (kinds from the pack). */
export const nearRelativesRule: SlateRule = {
  id: 'slate.near_relatives',
  title: '近亲属回避',
  evaluate: (pack, s) => {
    const rule = pack.slateRules.nearRelatives;
    if (!rule.required) return [];
    const people = personsIn(s, TWO_COMMITTEES);
    const ids = new Set(people.map((p) => p.personId));
    const name = new Map(people.map((p) => [p.personId, p.name]));
    const pairs = s.relatives.filter((r) => r.personId !== r.relativeId && ids.has(r.personId) && ids.has(r.relativeId) && rule.kinds.includes(r.kind));
    const evidence = { kinds: rule.kinds, pairs };
    const base = { ruleId: 'slate.near_relatives', evidence, villageCode: s.villageCode };
    if (pairs.length === 0) return [{ ...base, kind: 'pass', message: '人选之间无近亲属关系' }];
    const said = pairs.map((r) => `${name.get(r.relativeId)}是${name.get(r.personId)}的${r.kind}`).join('；');
    return [{ ...base, kind: rule.kind, message: `“两委”人选之间有近亲属关系，应予回避：${said}` }];
  },
};
