import { addDays, type LocalDate } from '@lw/domain';
import { DEFAULT_PACK } from '../policy';
import { evaluatePerson } from './evaluate-person';
import { addYears } from './full-years';
import {
  COMMITTEE_MEMBER,
  CONTINUING_SECRETARY,
  NEW_COMMITTEE_MEMBER,
  NEW_SECRETARY,
  PARTY_MEMBER,
  day,
  facts,
  kindOf,
  verdictOf,
} from './test-facts.fixture';

// Default pack, cut-off 2020-12-31, evaluated on 2021-01-10. An age limit L (周岁, limit included)
// is kept until the day before the (L+1)th birthday: "at the limit" = born so that the L-th
// birthday falls on the cut-off; "one day over" = born one day before the L+1 anniversary.
const P = DEFAULT_PACK;
const born = (s: string) => ({ birthDate: day(s) });

describe('continuing secretary age (≤55 pass, ≤60 needs approval, beyond block)', () => {
  it.each([
    ['1965-12-31', 'pass'], // exactly 55 on the cut-off
    ['1965-01-01', 'pass'], // 55, the last day before 56
    ['1964-12-31', 'needs_approval'], // 56 on the cut-off: one day over 55
    ['1960-12-31', 'needs_approval'], // exactly 60
    ['1960-01-01', 'needs_approval'], // 60, the last day before 61
    ['1959-12-31', 'block'], // 61 on the cut-off: one day over 60
  ])('born %s → %s', (birth, kind) => {
    expect(kindOf(evaluatePerson(P, facts(born(birth)), CONTINUING_SECRETARY), 'secretary.continuing_age')).toBe(kind);
  });

  it('gives the age, the date and the limits as evidence, and does not judge a new secretary by it', () => {
    const v = verdictOf(evaluatePerson(P, facts(born('1962-05-01')), CONTINUING_SECRETARY), 'secretary.continuing_age');
    expect(v).toMatchObject({ kind: 'needs_approval', personId: 'p1', evidence: { birthDate: '1962-05-01', cutOffDate: '2020-12-31', age: 58, maxAge: 55, approvalMaxAge: 60 } });
    expect(v?.message).toContain('58 周岁');
    expect(kindOf(evaluatePerson(P, facts(born('1950-01-01')), NEW_SECRETARY), 'secretary.continuing_age')).toBe('none');
    expect(kindOf(evaluatePerson(P, facts(born('1950-01-01')), PARTY_MEMBER), 'secretary.continuing_age')).toBe('none');
  });

  it('has no ceiling when the pack sets none', () => {
    const open = { ...P, postRules: { ...P.postRules, continuingSecretary: { maxAge: 55, approvalMaxAge: null } } };
    expect(kindOf(evaluatePerson(open, facts(born('1950-01-01')), CONTINUING_SECRETARY), 'secretary.continuing_age')).toBe('needs_approval');
  });
});

describe('new secretary preferences (≤45, 大专+: warnings)', () => {
  it.each([
    ['1975-12-31', 'pass'], // exactly 45
    ['1975-01-01', 'pass'], // 45, the last day before 46
    ['1974-12-31', 'warn'], // 46 on the cut-off
  ])('born %s → %s', (birth, kind) => {
    expect(kindOf(evaluatePerson(P, facts(born(birth)), NEW_SECRETARY), 'secretary.new_age')).toBe(kind);
  });

  it.each([
    ['研究生', 'pass'],
    ['本科', 'pass'],
    ['大专', 'pass'],
    ['高中·中专', 'warn'],
    ['初中', 'warn'],
  ] as const)('education %s → %s', (education, kind) => {
    expect(kindOf(evaluatePerson(P, facts({ education }), NEW_SECRETARY), 'secretary.new_education')).toBe(kind);
  });

  it('does not apply to a continuing secretary or to members', () => {
    const old = facts({ ...born('1960-01-01'), education: '初中' });
    for (const n of [CONTINUING_SECRETARY, PARTY_MEMBER, COMMITTEE_MEMBER]) {
      expect(kindOf(evaluatePerson(P, old, n), 'secretary.new_age')).toBe('none');
      expect(kindOf(evaluatePerson(P, old, n), 'secretary.new_education')).toBe('none');
    }
  });
});

describe('secretary party standing (≥1 year at the cut-off, from full membership)', () => {
  const standing = (over: Parameters<typeof facts>[0]) => verdictOf(evaluatePerson(P, facts(over), NEW_SECRETARY), 'secretary.party_standing');

  it.each([
    ['2019-12-31', 'pass'], // exactly 1 year on the cut-off
    ['2020-01-01', 'needs_approval'], // one day short
  ])('full member since %s → %s', (since, kind) => {
    expect(standing({ fullMembershipDate: day(since) })?.kind).toBe(kind);
  });

  it('estimates full membership one year after admission when the roster lacks it, and says so', () => {
    expect(standing({ partyJoinDate: day('2018-12-31'), fullMembershipDate: null })).toMatchObject({ kind: 'pass', evidence: { standingSince: '2019-12-31', estimated: true } });
    expect(standing({ partyJoinDate: day('2019-01-01'), fullMembershipDate: null })).toMatchObject({ kind: 'needs_approval', evidence: { estimated: true } });
    expect(standing({ partyJoinDate: null, fullMembershipDate: null })?.kind).toBe('needs_approval');
  });

  it('leaves non-members to the membership rule, which blocks them', () => {
    const vs = evaluatePerson(P, facts({ politicalStatus: '预备党员', fullMembershipDate: null }), NEW_SECRETARY);
    expect(kindOf(vs, 'secretary.party_standing')).toBe('none');
    expect(kindOf(vs, 'party.membership')).toBe('block');
  });
});

describe('party membership of party-organisation nominees', () => {
  it.each([
    ['中共党员', PARTY_MEMBER, 'pass'],
    ['预备党员', PARTY_MEMBER, 'block'],
    ['群众', PARTY_MEMBER, 'block'],
    ['无党派', CONTINUING_SECRETARY, 'block'],
    ['群众', COMMITTEE_MEMBER, 'none'],
  ] as const)('%s nominated %o → %s', (politicalStatus, nomination, kind) => {
    expect(kindOf(evaluatePerson(P, facts({ politicalStatus }), nomination), 'party.membership')).toBe(kind);
  });
});

describe('negative list of the default pack', () => {
  const CUT_OFF = P.cutOffDate;
  const blocking = (f: ReturnType<typeof facts>) => evaluatePerson(P, f, COMMITTEE_MEMBER).filter((v) => v.ruleId.startsWith('negative.') && v.kind === 'block').map((v) => v.ruleId);

  it('passes a clean person on every item, one verdict per item', () => {
    const vs = evaluatePerson(P, facts(), COMMITTEE_MEMBER).filter((v) => v.ruleId.startsWith('negative.'));
    expect(vs.map((v) => v.ruleId)).toEqual(P.negativeList.map((i) => `negative.${i.id}`));
    expect(vs.every((v) => v.kind === 'pass')).toBe(true);
  });

  // Every item, every record kind it names, at the edge of its window and just outside it.
  const cases = P.negativeList.flatMap((item) =>
    item.recordKinds
      // Yearly appraisals and 民主测评 grades are facts of their own (negative-list-evaluations.unit.spec).
      .filter((k) => k !== 'appraisal_incompetent' && k !== 'evaluation_incompetent')
      .map((kind) => [item.id, kind, item.lookBack] as const),
  );
  it.each(cases)('%s: a %s record at the edge of its window blocks, just outside it passes', (id, kind, lookBack) => {
    if (lookBack === 'ever') {
      expect(blocking(facts({ records: [{ kind, date: '1971-03-01' }] }))).toEqual([`negative.${id}`]);
    } else if (lookBack === 'current') {
      expect(blocking(facts({ records: [{ kind, date: '2020-05-01', endsOn: null }] }))).toEqual([`negative.${id}`]);
      expect(blocking(facts({ records: [{ kind, date: '2020-05-01', endsOn: '2021-01-10' }] }))).toEqual([`negative.${id}`]); // ends on the evaluation day
      expect(blocking(facts({ records: [{ kind, date: '2020-05-01', endsOn: '2021-01-09' }] }))).toEqual([]);
    } else {
      const edge: LocalDate = addYears(CUT_OFF, -lookBack.years);
      expect(blocking(facts({ records: [{ kind, date: edge }] }))).toEqual([`negative.${id}`]);
      expect(blocking(facts({ records: [{ kind, date: addDays(edge, -1) }] }))).toEqual([]);
    }
  });

  it('has the windows the seeds give: sanctions and 不合格党员 3 years, vote-buying 5', () => {
    expect(blocking(facts({ records: [{ kind: 'party_sanction_removal_or_above', date: '2017-12-31' }] }))).toEqual(['negative.severe_sanction']);
    expect(blocking(facts({ records: [{ kind: 'party_sanction_removal_or_above', date: '2017-12-30' }] }))).toEqual([]);
    expect(blocking(facts({ records: [{ kind: 'unqualified_member', date: '2017-12-31' }] }))).toEqual(['negative.incompetent']);
    expect(blocking(facts({ records: [{ kind: 'vote_buying', date: '2015-12-31' }] }))).toEqual(['negative.vote_buying']);
    expect(blocking(facts({ records: [{ kind: 'vote_buying', date: '2015-12-30' }] }))).toEqual([]);
  });

  it('counts 不称职 appraisals of 2018–2020, not 2017, and not 基本称职', () => {
    expect(blocking(facts({ appraisals: [{ year: 2018, grade: '不称职' }] }))).toEqual(['negative.incompetent']);
    expect(blocking(facts({ appraisals: [{ year: 2017, grade: '不称职' }] }))).toEqual([]);
    expect(blocking(facts({ appraisals: [{ year: 2020, grade: '基本称职' }, { year: 2019, grade: '称职' }] }))).toEqual([]);
  });

  it('blocks an open case given as a flag, and a record found after the cut-off', () => {
    expect(blocking(facts({ underInvestigation: { since: day('2021-01-04'), source: '县纪委监委' } }))).toEqual(['negative.under_investigation']);
    expect(blocking(facts({ records: [{ kind: 'criminal_penalty', date: '2021-01-05' }] }))).toEqual(['negative.criminal']);
  });

  it('ignores record kinds no item names', () => {
    expect(blocking(facts({ records: [{ kind: 'party_warning', date: '2020-06-01' }] }))).toEqual([]);
  });

  it('names the record, its source and the last day it counts in the evidence', () => {
    const record = { kind: 'party_sanction_removal_or_above', date: '2018-03-05', endsOn: '2020-03-04', source: '县纪委〔2018〕12 号' };
    const v = verdictOf(evaluatePerson(P, facts({ records: [record] }), COMMITTEE_MEMBER), 'negative.severe_sanction');
    expect(v).toMatchObject({ kind: 'block', personId: 'p1', evidence: { cutOffDate: '2020-12-31', lookBack: { years: 3 }, records: [{ ...record, countsUntil: '2021-03-05' }] } });
    expect(v?.message).toContain('张三');
  });
});

describe('substantiated tips', () => {
  it('blocks with the tips as evidence', () => {
    const tip = { tipId: 't-9', concludedOn: day('2021-01-08'), summary: '拉票贿选属实' };
    expect(verdictOf(evaluatePerson(P, facts({ substantiatedTips: [tip] }), COMMITTEE_MEMBER), 'tip.substantiated')).toMatchObject({ kind: 'block', evidence: { tips: [tip] } });
    expect(kindOf(evaluatePerson(P, facts(), COMMITTEE_MEMBER), 'tip.substantiated')).toBe('pass');
  });
});

describe('new members', () => {
  it('are not judged by the default pack, which has no newcomer preference', () => {
    expect(kindOf(evaluatePerson(P, facts({ ...born('1960-01-01'), education: '小学' }), NEW_COMMITTEE_MEMBER), 'member.new_profile')).toBe('none');
  });
});
