import { nearLink, personsIn } from './slate-people';
import type { SlateRule, Verdict } from './verdict';

/**
 * "村（居）民委员会成员及其近亲属、村会计（报账员）、村集体经济组织负责人不得担任村务监督委员会成员":
 * one verdict per supervision nominee. Relatives are near by the pack's near-relative kinds.
 */
export const supervisionRule: SlateRule = {
  id: 'slate.supervision',
  title: '村务监督委员会成员资格',
  evaluate: (pack, s) => {
    const rule = pack.slateRules.supervision;
    const committee = personsIn(s, ['committee']);
    return personsIn(s, ['supervision']).map((p): Verdict => {
      const problems: string[] = [];
      const sameAs = rule.excludeCommitteeMembers && committee.some((c) => c.personId === p.personId);
      if (sameAs) problems.push('同时为村（居）民委员会人选');
      const relatives = rule.excludeCommitteeRelatives
        ? committee.flatMap((c) => {
            const link = c.personId === p.personId ? undefined : nearLink(s, p.personId, c.personId, pack.slateRules.nearRelatives.kinds);
            return link ? [{ ...link, committeeMember: c.personId, committeeMemberName: c.name }] : [];
          })
        : [];
      for (const r of relatives) problems.push(`与村（居）民委员会人选${r.committeeMemberName}系${r.kind}关系`);
      const roles = p.roles.filter((role) => rule.excludedRoles.includes(role));
      for (const role of roles) problems.push(`担任${role}`);
      const evidence = { committeeMember: sameAs, relatives, roles };
      const base = { ruleId: 'slate.supervision', evidence, villageCode: s.villageCode, personId: p.personId };
      return problems.length === 0
        ? { ...base, kind: 'pass', message: `${p.name}可担任村务监督委员会成员` }
        : { ...base, kind: 'block', message: `${p.name}不得担任村务监督委员会成员：${problems.join('；')}` };
    });
  },
};
