import { isPartySecretary } from '../roster/post';
import { addYears, fullYearsOn } from './full-years';
import type { PersonRule } from './verdict';

/**
 * 书记 "一般应当具有 N 年以上党龄" at the cut-off. 党龄 counts from full membership (党章第七条); when the
 * roster has only the admission date, full membership is taken as one year later, the earliest it can
 * be (the probation is one year and may only be extended), and the evidence says it was estimated.
 * Non-members are left to party.membership, which already blocks them.
 */
export const partyStandingRule: PersonRule = {
  id: 'secretary.party_standing',
  title: '书记党龄',
  evaluate: (pack, f, n) => {
    if (!isPartySecretary(n) || f.politicalStatus !== '中共党员') return [];
    const rule = pack.postRules.secretaryPartyStanding;
    const estimated = !f.fullMembershipDate;
    const since = f.fullMembershipDate ?? (f.partyJoinDate ? addYears(f.partyJoinDate, 1) : null);
    const standing = since ? fullYearsOn(since, pack.cutOffDate) : null;
    const evidence = { partyJoinDate: f.partyJoinDate ?? null, fullMembershipDate: f.fullMembershipDate ?? null, standingSince: since, estimated, cutOffDate: pack.cutOffDate, standing, required: rule.years };
    const base = { ruleId: 'secretary.party_standing', evidence, personId: f.personId };
    if (standing !== null && standing >= rule.years) return [{ ...base, kind: 'pass', message: `党龄 ${standing} 年` }];
    const why = since === null ? '入党时间不详，无法确认党龄' : `截至 ${pack.cutOffDate} 党龄不满 ${rule.years} 年（转正${estimated ? '（按入党满一年推算）' : ''} ${since}）`;
    return [{ ...base, kind: rule.kind, message: `${f.name}：${why}` }];
  },
};
