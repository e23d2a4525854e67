import type { NegativeItem, PolicyPack } from '../policy/policy-pack';
import { ageOn, yearsBefore } from './dates';
import { EDUCATION_RANK, isSecretary, type Nomination, type PersonFacts, type Verdict } from './facts';

/**
 * A record falls in a look-back of n years when it is dated on or after the same day n years before
 * the cut-off (inclusive: "within 3 years" of 2020-12-31 includes 2017-12-31), and not after the
 * cut-off. Appraisals count as dated 1 January of their year, so "3 years" is the 3 appraisal years
 * up to the cut-off's (2018, 2019, 2020), not four.
 */
function inWindow(date: string, item: NegativeItem, cutOff: string, endsOn?: string | null): boolean {
  if (date > cutOff) return false;
  if (item.lookBack === 'ever') return true;
  if (item.lookBack === 'current') return !endsOn || endsOn >= cutOff;
  return date >= yearsBefore(cutOff, item.lookBack.years);
}

export function negativeListRules(pack: PolicyPack, p: PersonFacts): Verdict[] {
  const records = [
    ...p.records,
    ...p.appraisals.filter((a) => a.grade === '不称职').map((a) => ({ kind: 'appraisal_incompetent', date: `${a.year}-01-01`, endsOn: null })),
  ];
  return pack.negativeList.map((item) => {
    const hits = records.filter((r) => item.kinds.includes(r.kind) && inWindow(r.date, item, pack.cutOffDate, r.endsOn));
    return hits.length
      ? { ruleId: `negative.${item.id}`, kind: 'block', message: `${p.name}：${item.label}`, evidence: { records: hits, cutOff: pack.cutOffDate, lookBack: item.lookBack }, personId: p.personId }
      : { ruleId: `negative.${item.id}`, kind: 'pass', message: `${item.label}：无`, personId: p.personId };
  });
}

/** Secretaries: continuing ≤ max, up to the approval max only with county approval; new ones preferably ≤ the preferred max. */
export function ageRule(pack: PolicyPack, p: PersonFacts, n: Nomination): Verdict {
  const age = ageOn(p.birthDate, pack.cutOffDate);
  const evidence = { birthDate: p.birthDate, cutOff: pack.cutOffDate, age };
  const base = { ruleId: 'age.secretary', personId: p.personId, evidence };
  if (!isSecretary(n.post)) return { ...base, ruleId: 'age.member', kind: 'pass', message: `${age} 周岁` };
  const a = pack.age;
  if (!n.continuing) {
    return age <= a.newSecretaryPreferredMax
      ? { ...base, kind: 'pass', message: `${age} 周岁` }
      : { ...base, kind: 'warn', message: `${p.name}新任书记 ${age} 周岁，超过 ${a.newSecretaryPreferredMax} 周岁的优先条件` };
  }
  if (age <= a.continuingSecretaryMax) return { ...base, kind: 'pass', message: `${age} 周岁` };
  if (age <= a.continuingSecretaryApprovalMax) {
    return { ...base, kind: 'needs_approval', message: `${p.name}连任书记 ${age} 周岁，超过 ${a.continuingSecretaryMax} 周岁，须经县委批准（不超过 ${a.continuingSecretaryApprovalMax} 周岁）` };
  }
  return { ...base, kind: 'block', message: `${p.name}连任书记 ${age} 周岁，超过 ${a.continuingSecretaryApprovalMax} 周岁` };
}

/** A secretary is a full party member of at least N years' standing; party-committee members are party members. */
export function partyRule(pack: PolicyPack, p: PersonFacts, n: Nomination): Verdict {
  const base = { personId: p.personId, evidence: { politicalStatus: p.politicalStatus, partyJoinDate: p.partyJoinDate, cutOff: pack.cutOffDate } };
  if (n.body !== 'party') return { ...base, ruleId: 'party.member', kind: 'pass', message: '不要求党员身份' };
  if (p.politicalStatus !== '中共党员') {
    return { ...base, ruleId: isSecretary(n.post) ? 'party.secretary_standing' : 'party.member', kind: 'block', message: `${p.name}不是中共正式党员（${p.politicalStatus}）` };
  }
  if (!isSecretary(n.post)) return { ...base, ruleId: 'party.member', kind: 'pass', message: '中共党员' };
  const since = yearsBefore(pack.cutOffDate, pack.secretary.partyYears);
  return p.partyJoinDate && p.partyJoinDate <= since
    ? { ...base, ruleId: 'party.secretary_standing', kind: 'pass', message: `党龄满 ${pack.secretary.partyYears} 年` }
    : { ...base, ruleId: 'party.secretary_standing', kind: 'block', message: `${p.name}党龄不满 ${pack.secretary.partyYears} 年（入党 ${p.partyJoinDate ?? '未知'}）` };
}

/** New secretaries preferably with the pack's education (大专+): a warning, not a block. */
export function educationRule(pack: PolicyPack, p: PersonFacts, n: Nomination): Verdict {
  const base = { ruleId: 'education.secretary', personId: p.personId, evidence: { education: p.education, preferred: pack.secretary.preferredEducation } };
  if (!isSecretary(n.post) || n.continuing || EDUCATION_RANK[p.education] >= EDUCATION_RANK[pack.secretary.preferredEducation]) {
    return { ...base, kind: 'pass', message: p.education };
  }
  return { ...base, kind: 'warn', message: `${p.name}学历${p.education}，低于新任书记${pack.secretary.preferredEducation}以上的优先条件` };
}
