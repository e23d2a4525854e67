import { basicSituation } from './basic-situation';
import { createHolding, holdingsInForce, type Holding } from './holding';
import { ageOf } from './person';
import { SEED_004_DATE, SEED_004_LAST_ELECTION, SEED_004_OTHER_VILLAGE, SEED_004_TOWNSHIP, seed004Roster, seed004Village } from './seed-004-roster.fixture';
import { day, testPerson } from './test-person.fixture';

const township = (date: string, lastElectionDate: string = SEED_004_LAST_ELECTION) => {
  const { persons, holdings } = seed004Roster();
  return basicSituation(holdings, persons, { date: day(date), lastElectionDate: day(lastElectionDate), scopePrefix: SEED_004_TOWNSHIP });
};

describe('basic situation (基本情况) against seed 004, report 1', () => {
  it('reproduces every figure of the 基本情况 paragraph exactly', () => {
    const b = township(SEED_004_DATE);
    expect(b).toMatchObject({
      cadres: 95,
      partyCommittee: 57,
      villagersCommittee: 83,
      crossAppointed: 45,
      partyStatus: { 正式党员: 80, 预备党员: 4, 无党派或民主党派: 1, 群众: 10 },
      women: 40,
      ageBands: { under45: 25, from45to54: 42, from55: 28 },
      education: { 大专及以上: 10, '高中·中专': 59, 初中: 26, 小学: 0 },
      disciplinedSinceElection: 15,
      disciplinedInEffect: 2,
    });
    expect(b.cadres).toBe(b.partyCommittee + b.villagersCommittee - b.crossAppointed);
  });

  it('agrees with the rest of report 1 and derives 一肩挑 from the holdings (7 villages built that way)', () => {
    const { persons, holdings } = seed004Roster();
    const b = township(SEED_004_DATE);
    expect(b.reserve).toBe(30); // §三(二): 后备干部仅有30人
    expect(b.averageAge).toBe(48.1); // §三(一): 平均年龄在48周岁
    expect(b.oneShoulder).toBe(7);
    const secretaries = holdingsInForce(holdings, SEED_004_DATE, SEED_004_TOWNSHIP).filter((h) => h.body === 'party' && h.post === '书记');
    const byId = new Map(persons.map((p) => [p.id, p]));
    expect(secretaries).toHaveLength(19);
    expect(secretaries.filter((h) => ageOf(byId.get(h.personId)!, SEED_004_DATE) < 45)).toHaveLength(1); // 45周岁以下的仅有1人
  });

  it('is reproducible: the same roster in another order, or as a map, gives the same figures', () => {
    const { persons, holdings } = seed004Roster();
    const opts = { date: SEED_004_DATE, lastElectionDate: SEED_004_LAST_ELECTION, scopePrefix: SEED_004_TOWNSHIP };
    const first = basicSituation(holdings, persons, opts);
    expect(basicSituation([...holdings].reverse(), [...persons].reverse(), opts)).toEqual(first);
    expect(basicSituation(holdings, new Map(persons.map((p) => [p.id, p])), opts)).toEqual(first);
    expect(basicSituation(seed004Roster().holdings, seed004Roster().persons, opts)).toEqual(first);
  });
});

describe('basic situation: holdings in force on the date', () => {
  it('counts a member up to the day before leaving, not on the day left', () => {
    // "left" sat on the villagers' committee of village 1 until 2020-06-30 (to = the day left).
    expect(township('2020-06-29')).toMatchObject({ cadres: 96, villagersCommittee: 84 });
    expect(township('2020-06-30')).toMatchObject({ cadres: 95, villagersCommittee: 83 });
  });

  it('counts a member from the first day in the post, not before', () => {
    expect(township('2020-11-30').villagersCommittee).toBe(83);
    expect(township('2020-12-01').villagersCommittee).toBe(84);
  });

  it('does not count the previous term: its secretary left on the election day', () => {
    const before = township('2016-12-14');
    expect(before).toMatchObject({ partyCommittee: 1, cadres: 1 });
    expect(township('2016-12-15').partyCommittee).toBe(57);
  });
});

describe('basic situation: disciplinary records', () => {
  it('drops a sanction from "in effect" the day after the last day of its effect period', () => {
    expect(township('2020-11-29').disciplinedInEffect).toBe(3); // the one ending 11-29 still counts on 11-29
    expect(township('2020-11-30').disciplinedInEffect).toBe(2); // ended 11-29; the one ending 11-30 counts on its last day
    expect(township('2020-12-01').disciplinedInEffect).toBe(1);
  });

  it('counts sanctions from the last election day on, and none dated after the date', () => {
    expect(township(SEED_004_DATE, '2016-12-14').disciplinedSinceElection).toBe(17); // two dated 12-14
    expect(township(SEED_004_DATE, '2016-12-16').disciplinedSinceElection).toBe(14); // one dated on 12-15
    expect(township('2020-12-05').disciplinedSinceElection).toBe(16); // the sanction of 12-05 is now known
  });

  it('counts a person with two sanctions once', () => {
    const p = testPerson('a', {
      disciplinaryRecords: [
        { kind: '党内警告', date: day('2018-01-01'), effectEndsOn: day('2018-06-30') },
        { kind: '党内严重警告', date: day('2019-01-01'), effectEndsOn: day('2020-12-31') },
      ],
    });
    const h = [createHolding({ personId: 'a', villageCode: '320724100200', body: 'committee', post: '委员', from: '2017-01-01' })];
    expect(basicSituation(h, [p], { date: day('2020-01-01'), lastElectionDate: day('2017-01-01') })).toMatchObject({ disciplinedSinceElection: 1, disciplinedInEffect: 1 });
  });
});

describe('basic situation: derived posts and scope', () => {
  const V1 = '320724100200';
  const V2 = '320724100201';
  const hold = (personId: string, villageCode: string, body: Holding['body'], post: string, from = '2021-01-01', to?: string) =>
    createHolding({ personId, villageCode, body, post, from, ...(to ? { to } : {}) });
  const people = ['a', 'b', 'c'].map((id) => testPerson(id, { politicalStatus: '中共党员', partyJoinDate: day('2000-07-01') }));
  const at = (holdings: Holding[], date = '2021-06-01', scopePrefix?: string) =>
    basicSituation(holdings, people, { date: day(date), lastElectionDate: day('2021-01-01'), ...(scopePrefix ? { scopePrefix } : {}) });

  it('derives 一肩挑 only when the same person is secretary and chair of the same village at the same time', () => {
    expect(at([hold('a', V1, 'party', '书记'), hold('a', V1, 'committee', '主任')]).oneShoulder).toBe(1);
    // Secretary here, chair there: cross-appointed, but not 一肩挑.
    const apart = at([hold('a', V1, 'party', '书记'), hold('a', V2, 'committee', '主任')]);
    expect([apart.oneShoulder, apart.crossAppointed, apart.cadres]).toEqual([0, 1, 1]);
    // Secretary and a mere committee member: cross-appointed, not 一肩挑.
    expect(at([hold('a', V1, 'party', '书记'), hold('a', V1, 'committee', '委员')]).oneShoulder).toBe(0);
    // Two people: one secretary, the other chair.
    expect(at([hold('a', V1, 'party', '书记'), hold('b', V1, 'committee', '主任')]).oneShoulder).toBe(0);
    // The chair post ended before the date: no longer 一肩挑, no longer cross-appointed.
    const ended = at([hold('a', V1, 'party', '书记'), hold('a', V1, 'committee', '主任', '2021-01-01', '2021-06-01')]);
    expect([ended.oneShoulder, ended.crossAppointed]).toEqual([0, 0]);
  });

  it('counts a person with two posts in one body once (副书记 兼 纪检委员)', () => {
    const b = at([hold('a', V1, 'party', '副书记'), hold('a', V1, 'party', '纪检委员'), hold('b', V1, 'committee', '委员')]);
    expect([b.partyCommittee, b.villagersCommittee, b.crossAppointed, b.cadres]).toEqual([1, 1, 0, 2]);
  });

  it('does not count supervision-committee members or reserve cadres as cadres', () => {
    const b = at([hold('a', V1, 'supervision', '监委会主任'), hold('b', V1, 'reserve', '后备干部'), hold('c', V1, 'committee', '委员')]);
    expect([b.cadres, b.reserve]).toEqual([1, 1]);
  });

  it('filters villages by the scope prefix, in either form of the code', () => {
    const { persons, holdings } = seed004Roster();
    const at2 = (scopePrefix?: string) => basicSituation(holdings, persons, { date: SEED_004_DATE, lastElectionDate: SEED_004_LAST_ELECTION, ...(scopePrefix ? { scopePrefix } : {}) }).cadres;
    expect(at2()).toBe(98); // the whole county roster: the township and the other village
    expect(at2(SEED_004_TOWNSHIP)).toBe(95);
    expect(at2('320724100000')).toBe(95);
    expect(at2(seed004Village(0))).toBe(5);
    expect(at2(SEED_004_OTHER_VILLAGE)).toBe(3);
    expect(at2('320724102')).toBe(0);
    expect(() => at2('3207241')).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('行政区划代码无效') }));
  });
});

describe('basic situation: ages', () => {
  const V = '320724100200';
  const on = day('2021-03-01');
  const roster = (births: string[]) => {
    const persons = births.map((birth, i) => testPerson(`p${i}`, { birth }));
    const holdings = persons.map((p) => createHolding({ personId: p.id, villageCode: V, body: 'committee', post: '委员', from: '2021-01-01' }));
    return basicSituation(holdings, persons, { date: on, lastElectionDate: day('2021-01-01') });
  };

  it('puts the 45th birthday in 45–54 and the 55th in 55+, on the day itself', () => {
    expect(roster(['1976-03-01']).ageBands).toEqual({ under45: 0, from45to54: 1, from55: 0 }); // 45 today
    expect(roster(['1976-03-02']).ageBands).toEqual({ under45: 1, from45to54: 0, from55: 0 }); // 45 tomorrow
    expect(roster(['1966-03-01']).ageBands).toEqual({ under45: 0, from45to54: 0, from55: 1 }); // 55 today
    expect(roster(['1966-03-02']).ageBands).toEqual({ under45: 0, from45to54: 1, from55: 0 }); // still 54
  });

  it('averages full-year ages to one decimal, half up', () => {
    expect(roster(['1976-03-01', '1975-03-01']).averageAge).toBe(45.5); // 45 and 46
    expect(roster(['1976-03-01', '1976-03-01', '1975-03-01']).averageAge).toBe(45.3); // 136 / 3 = 45.33
    expect(roster([]).averageAge).toBe(0);
  });

  it('gives someone born on 29 February a birthday on 28 February in common years', () => {
    const persons = [testPerson('leap', { birth: '1976-02-29' })];
    const holdings = [createHolding({ personId: 'leap', villageCode: V, body: 'committee', post: '委员', from: '2021-01-01' })];
    const at = (d: string) => basicSituation(holdings, persons, { date: day(d), lastElectionDate: day('2021-01-01') }).ageBands;
    expect(at('2021-02-27')).toEqual({ under45: 1, from45to54: 0, from55: 0 });
    expect(at('2021-02-28')).toEqual({ under45: 0, from45to54: 1, from55: 0 });
  });
});

describe('basic situation: data errors', () => {
  it('refuses a holding whose person is not in the roster', () => {
    const h = [createHolding({ personId: 'ghost', villageCode: '320724100200', body: 'party', post: '书记', from: '2021-01-01' })];
    expect(() => basicSituation(h, [], { date: day('2021-06-01'), lastElectionDate: day('2021-01-01') })).toThrow('unknown person ghost');
  });
});
