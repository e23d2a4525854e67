import { parseLocalDate } from '@lw/domain';
import type { PersonFacts, RecordFact } from './facts';
import type { Nomination } from './nomination';
import type { Slate, SlateNominee } from './slate';
import type { Verdict } from './verdict';

export const day = parseLocalDate;

/** A clean nominee: 40 on the 2020-12-31 cut-off, 大专, full party member since 2005, no records. */
export function facts(over: Partial<Omit<PersonFacts, 'records'>> & { records?: readonly (Omit<RecordFact, 'date' | 'endsOn'> & { date: string; endsOn?: string | null })[] } = {}): PersonFacts {
  const { records = [], ...rest } = over;
  return {
    personId: 'p1',
    name: '张三',
    asOf: day('2021-01-10'),
    birthDate: day('1980-06-15'),
    gender: 'male',
    education: '大专',
    politicalStatus: '中共党员',
    partyJoinDate: day('2004-07-01'),
    fullMembershipDate: day('2005-07-01'),
    appraisals: [],
    evaluations: [],
    substantiatedTips: [],
    roles: [],
    ...rest,
    records: records.map((r) => ({ ...r, date: day(r.date), endsOn: r.endsOn == null ? r.endsOn : day(r.endsOn) })),
  };
}

export const CONTINUING_SECRETARY: Nomination = { body: 'party', post: '书记', tenure: 'continuing' };
export const NEW_SECRETARY: Nomination = { body: 'party', post: '书记', tenure: 'other_post' };
export const PARTY_MEMBER: Nomination = { body: 'party', post: '委员', tenure: 'continuing' };
export const COMMITTEE_MEMBER: Nomination = { body: 'committee', post: '委员', tenure: 'continuing' };
export const NEW_COMMITTEE_MEMBER: Nomination = { body: 'committee', post: '委员', tenure: 'new' };
export const SUPERVISION_MEMBER: Nomination = { body: 'supervision', post: '成员', tenure: 'new' };

let seq = 0;

/** A nominee with a fresh id; by default a 40-year-old man, 大专, full party member. */
export function nominee(nomination: Nomination, over: Partial<PersonFacts> = {}): SlateNominee {
  seq += 1;
  return { facts: facts({ personId: `n${seq}`, name: `人选${seq}`, ...over }), nomination };
}

/**
 * A slate that passes every default slate rule: 3 + 3 seats, 4 party and 4 committee candidates at
 * the preliminary stage, one woman (on the villagers' committee), one nominee of 30 with 大专.
 */
export function goodSlate(over: Partial<Slate> = {}): Slate {
  return {
    villageCode: '320724101201',
    stage: 'preliminary',
    seats: { party: 3, committee: 3, supervision: 3 },
    nominees: [
      nominee(NEW_SECRETARY),
      nominee(PARTY_MEMBER),
      nominee(PARTY_MEMBER),
      nominee(PARTY_MEMBER, { birthDate: day('1990-03-01') }),
      nominee(COMMITTEE_MEMBER, { gender: 'female' }),
      nominee(COMMITTEE_MEMBER),
      nominee(COMMITTEE_MEMBER),
      nominee(COMMITTEE_MEMBER),
    ],
    relatives: [],
    ...over,
  };
}

export function verdictOf(vs: readonly Verdict[], ruleId: string): Verdict | undefined {
  return vs.find((v) => v.ruleId === ruleId);
}

/** The kind of the one verdict of `ruleId`, or 'none' when the rule gave none. */
export function kindOf(vs: readonly Verdict[], ruleId: string): string {
  const found = vs.filter((v) => v.ruleId === ruleId);
  if (found.length > 1) throw new Error(`${found.length} verdicts of ${ruleId}`);
  return found[0]?.kind ?? 'none';
}
