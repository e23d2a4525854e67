import type { PersonRule } from './verdict';

/**
 * A party-organisation nominee must be a full member: a probationary member has no right to be
 * elected (党章第七条), and non-members cannot stand at all. Not a policy choice, so not in the pack.
 */
export const partyMembershipRule: PersonRule = {
  id: 'party.membership',
  title: '党组织人选须为中共正式党员',
  evaluate: (_pack, f, n) => {
    if (n.body !== 'party') return [];
    const evidence = { politicalStatus: f.politicalStatus, post: n.post };
    return [
      f.politicalStatus === '中共党员'
        ? { ruleId: 'party.membership', kind: 'pass', message: '中共正式党员', evidence, personId: f.personId }
        : { ruleId: 'party.membership', kind: 'block', message: `${f.name}政治面貌为${f.politicalStatus}，不能作为党组织委员人选`, evidence, personId: f.personId },
    ];
  },
};
