import { ALTERNATIVE_PACK, DEFAULT_PACK, type PolicyPack } from '../policy';
import { evaluatePerson } from './evaluate-person';
import { evaluateSlate } from './evaluate-slate';
import type { PersonFacts } from './facts';
import type { Nomination } from './nomination';
import type { Slate } from './slate';
import {
  COMMITTEE_MEMBER,
  CONTINUING_SECRETARY,
  NEW_COMMITTEE_MEMBER,
  NEW_SECRETARY,
  SUPERVISION_MEMBER,
  day,
  facts,
  goodSlate,
  kindOf,
  nominee,
} from './test-facts.fixture';

/*
 * The same nominees and slates, one table, run against both packs: every row must give the
 * default pack's verdict under the default and the alternative's under the alternative, so the
 * difference comes from the pack's data alone. 'none' = the rule does not apply under that pack.
 */
type Case = { what: string; ruleId: string; default: string; alternative: string } & (
  | { person: PersonFacts; nomination: Nomination }
  | { slate: Slate }
);

const base = goodSlate();
const menOnParty = { ...base, nominees: base.nominees.map((n) => ({ ...n, facts: { ...n.facts, gender: n.nomination.body === 'party' ? n.facts.gender : ('male' as const) } })) };
const womanOnParty = { ...menOnParty, nominees: menOnParty.nominees.map((n, i) => (i === 0 ? { ...n, facts: { ...n.facts, gender: 'female' as const } } : n)) };
const youngWith = (education: PersonFacts['education']) => ({ ...base, nominees: base.nominees.map((n, i) => (i === 3 ? { ...n, facts: { ...n.facts, education } } : n)) });
const linked = (kind: string) => ({ ...base, relatives: [{ personId: base.nominees[0].facts.personId, relativeId: base.nominees[4].facts.personId, kind }] });
const withSupervisor = (roles: string[]) => ({ ...base, nominees: [...base.nominees, nominee(SUPERVISION_MEMBER, { roles })] });

const CASES: Case[] = [
  { what: 'continuing secretary of 50', person: facts({ birthDate: day('1970-12-31') }), nomination: CONTINUING_SECRETARY, ruleId: 'secretary.continuing_age', default: 'pass', alternative: 'pass' },
  { what: 'continuing secretary of 51', person: facts({ birthDate: day('1969-12-31') }), nomination: CONTINUING_SECRETARY, ruleId: 'secretary.continuing_age', default: 'pass', alternative: 'needs_approval' },
  { what: 'continuing secretary of 58', person: facts({ birthDate: day('1962-12-31') }), nomination: CONTINUING_SECRETARY, ruleId: 'secretary.continuing_age', default: 'needs_approval', alternative: 'needs_approval' },
  { what: 'continuing secretary of 59', person: facts({ birthDate: day('1961-12-31') }), nomination: CONTINUING_SECRETARY, ruleId: 'secretary.continuing_age', default: 'needs_approval', alternative: 'block' },
  { what: 'continuing secretary of 61', person: facts({ birthDate: day('1959-12-31') }), nomination: CONTINUING_SECRETARY, ruleId: 'secretary.continuing_age', default: 'block', alternative: 'block' },
  { what: 'new secretary of 40', person: facts({ birthDate: day('1980-12-31') }), nomination: NEW_SECRETARY, ruleId: 'secretary.new_age', default: 'pass', alternative: 'pass' },
  { what: 'new secretary of 41', person: facts({ birthDate: day('1979-12-31') }), nomination: NEW_SECRETARY, ruleId: 'secretary.new_age', default: 'pass', alternative: 'warn' },
  { what: 'secretary 364 days a full member', person: facts({ fullMembershipDate: day('2020-01-01') }), nomination: NEW_SECRETARY, ruleId: 'secretary.party_standing', default: 'needs_approval', alternative: 'block' },
  { what: 'sanction exactly 3 years before', person: facts({ records: [{ kind: 'party_sanction_removal_or_above', date: '2017-12-31' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.severe_sanction', default: 'block', alternative: 'block' },
  { what: 'sanction 3 years and a day before', person: facts({ records: [{ kind: 'party_sanction_removal_or_above', date: '2017-12-30' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.severe_sanction', default: 'pass', alternative: 'block' },
  { what: 'sanction exactly 5 years before', person: facts({ records: [{ kind: 'government_sanction_dismissal_or_above', date: '2015-12-31' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.severe_sanction', default: 'pass', alternative: 'block' },
  { what: 'sanction 5 years and a day before', person: facts({ records: [{ kind: 'government_sanction_dismissal_or_above', date: '2015-12-30' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.severe_sanction', default: 'pass', alternative: 'pass' },
  { what: 'gambling penalty 6 years before', person: facts({ records: [{ kind: 'admin_penalty_gambling', date: '2014-08-01' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.admin_penalty', default: 'block', alternative: 'pass' },
  { what: 'illegal petition 4 years before', person: facts({ records: [{ kind: 'illegal_collective_petition', date: '2016-08-01' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.illegal_petition', default: 'block', alternative: 'block' },
  { what: 'illegal petition 6 years before', person: facts({ records: [{ kind: 'illegal_collective_petition', date: '2014-08-01' }] }), nomination: COMMITTEE_MEMBER, ruleId: 'negative.illegal_petition', default: 'block', alternative: 'pass' },
  { what: 'newcomer of 50 with 初中', person: facts({ birthDate: day('1970-06-01'), education: '初中' }), nomination: NEW_COMMITTEE_MEMBER, ruleId: 'member.new_profile', default: 'none', alternative: 'warn' },
  { what: 'newcomer of 45 with 高中', person: facts({ birthDate: day('1975-12-31'), education: '高中·中专' }), nomination: NEW_COMMITTEE_MEMBER, ruleId: 'member.new_profile', default: 'none', alternative: 'pass' },
  { what: '4 party candidates for 3 seats', slate: base, ruleId: 'slate.margin.party', default: 'pass', alternative: 'block' },
  { what: '5 party candidates for 3 seats', slate: { ...base, nominees: [...base.nominees, nominee(CONTINUING_SECRETARY)] }, ruleId: 'slate.margin.party', default: 'pass', alternative: 'pass' },
  { what: '4 committee candidates for 3 seats', slate: base, ruleId: 'slate.margin.committee', default: 'none', alternative: 'block' },
  { what: 'a party committee of 6 seats', slate: { ...base, seats: { party: 6, committee: 3 } }, ruleId: 'slate.seats.party', default: 'pass', alternative: 'block' },
  { what: 'the only woman on the party committee', slate: womanOnParty, ruleId: 'slate.woman', default: 'pass', alternative: 'block' },
  { what: 'no woman at all', slate: menOnParty, ruleId: 'slate.woman', default: 'block', alternative: 'block' },
  { what: 'the young member with 初中', slate: youngWith('初中'), ruleId: 'slate.young', default: 'pass', alternative: 'block' },
  { what: 'the young member with 大专', slate: youngWith('大专'), ruleId: 'slate.young', default: 'pass', alternative: 'pass' },
  { what: 'two nominees who are 兄弟姐妹', slate: linked('兄弟姐妹'), ruleId: 'slate.near_relatives', default: 'block', alternative: 'block' },
  { what: 'two nominees who are 女婿 and 岳父母', slate: linked('女婿'), ruleId: 'slate.near_relatives', default: 'pass', alternative: 'block' },
  { what: 'two nominees who are 叔侄', slate: linked('叔侄'), ruleId: 'slate.near_relatives', default: 'pass', alternative: 'pass' },
  { what: 'the village clerk (文书) on the supervision committee', slate: withSupervisor(['文书']), ruleId: 'slate.supervision', default: 'pass', alternative: 'block' },
  { what: 'the accountant on the supervision committee', slate: withSupervisor(['会计']), ruleId: 'slate.supervision', default: 'block', alternative: 'block' },
];

describe.each([
  ['default', DEFAULT_PACK],
  ['alternative', ALTERNATIVE_PACK],
] as const)('under the %s pack', (name: 'default' | 'alternative', pack: PolicyPack) => {
  it.each(CASES.map((c) => [c.what, c] as const))('%s', (_, c) => {
    const verdicts = 'slate' in c ? evaluateSlate(pack, c.slate) : evaluatePerson(pack, c.person, c.nomination);
    expect(kindOf(verdicts, c.ruleId)).toBe(c[name]);
  });
});

it('the table really tells the packs apart on most rows', () => {
  expect(CASES.filter((c) => c.default !== c.alternative).length).toBeGreaterThanOrEqual(15);
});
