import { personsIn, TWO_COMMITTEES } from './slate-people';
import type { SlateRule } from './verdict';

/** ≥1 woman among the nominees of the two committees, or of the villagers' committee (专职专选), by pack. */
export const womanRule: SlateRule = {
  id: 'slate.woman',
  title: '女性成员',
  evaluate: (pack, s) => {
    const rule = pack.slateRules.woman;
    if (!rule.required) return [];
    const where = rule.scope === 'committee' ? '村（居）民委员会人选' : '“两委”人选';
    const women = personsIn(s, rule.scope === 'committee' ? ['committee'] : TWO_COMMITTEES).filter((p) => p.gender === 'female');
    const evidence = { scope: rule.scope, women: women.map((w) => w.personId) };
    const base = { ruleId: 'slate.woman', evidence, villageCode: s.villageCode };
    return [women.length > 0 ? { ...base, kind: 'pass', message: `${where}中女性 ${women.length} 名` } : { ...base, kind: rule.kind, message: `${where}中至少应有 1 名女性` }];
  },
};
