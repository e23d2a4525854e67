import { ALTERNATIVE_PACK, DEFAULT_PACK } from '../policy';
import { createHolding, type Holding } from '../roster/holding';
import type { Body } from '../roster/post';
import { SEED_004_DATE, SEED_004_TOWNSHIP, seed004Roster } from '../roster/seed-004-roster.fixture';
import { day, testPerson } from '../roster/test-person.fixture';
import { compareCountyTargets } from './compare-targets';
import { countyTargets, type CountyTargetsReport, type TargetId } from './county-targets';
import { compareRatio, meanText, percentText } from './ratio';

/*
 * A hand-checked township (320724100), elections handed over on 2021-01-15.
 *   A (…201): before s0 书记+主任 (born 1958-05-05, 初中); after s1 书记+主任 (一肩挑) and c2 on both.
 *   B (…202): s2 书记, c1 主任.  C (…203): s3 书记, c4 主任, c3 委员.   Both terms.
 *   Outside the scope: x in another township (320724101200); not two committees: a supervisor, a reserve.
 *   Not in force on 2021-06-30: "left" (left that very day), "later" (joins the day after).
 * Ages on 2021-06-30 (full years): s1 40 (birthday that day), s2 50 (birthday the day after), s3 55,
 * c1 35 (birthday that day: counts as 35 岁以下), c2 36, c3 26, c4 30.
 */
const AFTER = day('2021-06-30');
const BEFORE = day('2020-12-31');
const v = (n: number) => `320724100${200 + n}`;
const persons = [
  testPerson('s0', { birth: '1958-05-05', education: '初中' }),
  testPerson('s1', { birth: '1981-06-30', education: '大专', tags: ['致富能手'] }),
  testPerson('s2', { birth: '1970-07-01', female: true, tags: ['致富能手', '返乡创业'] }),
  testPerson('s3', { birth: '1966-01-15', education: '本科' }),
  testPerson('c1', { birth: '1986-06-30', female: true }),
  testPerson('c2', { birth: '1985-06-30' }),
  testPerson('c3', { birth: '1995-03-10', female: true }),
  testPerson('c4', { birth: '1990-12-31', female: true }),
  testPerson('x', { birth: '1990-01-01', education: '研究生', tags: ['致富能手'] }),
  testPerson('sup', { birth: '1960-01-01' }),
  testPerson('res', { birth: '1999-01-01', female: true }),
  testPerson('left', { birth: '1950-01-01' }),
  testPerson('later', { birth: '1950-01-01' }),
];
const h = (personId: string, villageCode: string, body: Body, post: string, from: string, to?: string): Holding =>
  createHolding({ personId, villageCode, body, post, from, ...(to ? { to } : {}) });
const holdings = [
  h('s0', v(1), 'party', '书记', '2018-01-01', '2021-01-15'),
  h('s0', v(1), 'committee', '主任', '2018-01-01', '2021-01-15'),
  h('s1', v(1), 'party', '书记', '2021-01-15'),
  h('s1', v(1), 'committee', '主任', '2021-01-15'),
  h('c2', v(1), 'party', '委员', '2021-01-15'),
  h('c2', v(1), 'committee', '委员', '2021-01-15'),
  h('s2', v(2), 'party', '书记', '2018-01-01'),
  h('c1', v(2), 'committee', '主任', '2018-01-01'),
  h('s3', v(3), 'party', '书记', '2018-01-01'),
  h('c4', v(3), 'committee', '主任', '2018-01-01'),
  h('c3', v(3), 'committee', '委员', '2018-01-01'),
  h('x', '320724101200', 'party', '书记', '2018-01-01'),
  h('x', '320724101200', 'committee', '主任', '2018-01-01'),
  h('sup', v(1), 'supervision', '监委会主任', '2018-01-01'),
  h('res', v(2), 'reserve', '后备干部', '2018-01-01'),
  h('left', v(3), 'committee', '委员', '2018-01-01', '2021-06-30'),
  h('later', v(3), 'committee', '委员', '2021-07-01'),
];
const township = '320724100';
const at = (date: string, pack = DEFAULT_PACK) => countyTargets(persons, holdings, { date: day(date), scopePrefix: township, pack });
const lineOf = (r: CountyTargetsReport, id: TargetId) => r.lines.find((l) => l.id === id)!;

describe('county targets (县级结构目标) on a hand-checked township', () => {
  const r = at(AFTER);

  it('counts secretaries, members and villages in force inside the scope only', () => {
    expect(r).toMatchObject({ secretaries: 3, members: 7, villages: 3, packId: 'default', scopePrefix: township });
  });

  it.each<[TargetId, number, number, string, string | null, string]>([
    ['secretaryCollege', 2, 3, '66.7%', '≥ 50.0%', 'met'], // s1 大专, s3 本科
    ['secretaryWealthLeader', 2, 3, '66.7%', '≥ 76.0%', 'not_met'], // s1, s2
    ['secretaryAverageAge', 145, 3, '48.3', '≤ 46 岁', 'not_met'], // 40 + 50 + 55
    ['memberAverageAge', 272, 7, '38.9', '≤ 45 岁', 'met'], // 40 + 50 + 55 + 35 + 36 + 26 + 30
    ['women', 4, 7, '57.1%', '≥ 30.0%', 'met'], // s2, c1, c3, c4
    ['young', 3, 7, '42.9%', null, 'no_target'], // c1 (35 exactly), c3, c4; c2 is 36
    ['oneShoulder', 1, 3, '33.3%', null, 'no_target'], // village A only
  ])('%s = %i/%i (%s) against %s: %s', (id, numerator, denominator, display, target, status) => {
    const l = lineOf(r, id);
    expect(l.value).toEqual({ numerator, denominator });
    expect(l.display).toBe(display);
    expect(l.target?.display ?? null).toBe(target);
    expect(l.status).toBe(status);
  });

  it("takes targets from the pack: the alternative pack's 一肩挑 ≥ 90 % is not met", () => {
    const alt = at(AFTER, ALTERNATIVE_PACK);
    expect(lineOf(alt, 'oneShoulder')).toMatchObject({ status: 'not_met', target: { comparison: 'atLeast', value: 0.9, display: '≥ 90.0%' } });
    expect(lineOf(alt, 'memberAverageAge')).toMatchObject({ status: 'met', target: { value: 43 } });
  });

  it('reports no data, not a miss, where there is nobody to measure', () => {
    const empty = countyTargets(persons, holdings, { date: day('2017-01-01'), scopePrefix: township, pack: DEFAULT_PACK });
    expect(empty.secretaries).toBe(0);
    expect(empty.lines.map((l) => [l.id, l.status, l.display])).toEqual([
      ['secretaryCollege', 'no_data', null],
      ['secretaryWealthLeader', 'no_data', null],
      ['secretaryAverageAge', 'no_data', null],
      ['memberAverageAge', 'no_data', null],
      ['women', 'no_data', null],
      ['young', 'no_target', null],
      ['oneShoulder', 'no_target', null],
    ]);
  });

  it('refuses a holding that names an unknown person', () => {
    expect(() => countyTargets([], holdings, { date: AFTER, scopePrefix: township, pack: DEFAULT_PACK })).toThrow(/unknown person/);
  });

  it('agrees with the basic situation on the seed 004 township', () => {
    const { persons: p, holdings: hs } = seed004Roster();
    const s = countyTargets(p, hs, { date: SEED_004_DATE, scopePrefix: SEED_004_TOWNSHIP, pack: DEFAULT_PACK });
    expect(s).toMatchObject({ secretaries: 19, members: 95, villages: 19 });
    expect(lineOf(s, 'memberAverageAge').display).toBe('48.1'); // basic situation: 48.1
    expect(lineOf(s, 'women').value).toEqual({ numerator: 40, denominator: 95 });
    expect(lineOf(s, 'oneShoulder').value).toEqual({ numerator: 7, denominator: 19 });
    expect(lineOf(s, 'secretaryWealthLeader')).toMatchObject({ value: { numerator: 10, denominator: 19 }, display: '52.6%', status: 'not_met' });
  });
});

describe('exact comparison with targets and half-up display', () => {
  it('meets a share target exactly at the target and misses it one person below', () => {
    expect(compareRatio({ numerator: 38, denominator: 50 }, 0.76)).toBe(0);
    expect(compareRatio({ numerator: 37, denominator: 50 }, 0.76)).toBe(-1);
    expect(compareRatio({ numerator: 3, denominator: 10 }, 0.3)).toBe(0);
    expect(compareRatio({ numerator: 57, denominator: 100 }, 0.57)).toBe(0); // 0.57 * 100 is 56.99999999999999 in floats
    expect(compareRatio({ numerator: 92, denominator: 2 }, 46)).toBe(0);
    expect(compareRatio({ numerator: 93, denominator: 2 }, 46)).toBe(1);
  });

  it('rounds half-up to one decimal', () => {
    expect(percentText({ numerator: 1, denominator: 16 })).toBe('6.3%'); // 6.25
    expect(percentText({ numerator: 1, denominator: 3 })).toBe('33.3%');
    expect(percentText({ numerator: 0, denominator: 0 })).toBeNull();
    expect(meanText({ numerator: 185, denominator: 4 })).toBe('46.3'); // 46.25
    expect(meanText({ numerator: 93, denominator: 2 })).toBe('46.5');
  });

  it('meets the secretary age target at exactly 46.0 and misses it at 46.5', () => {
    const two = (b1: string, b2: string) =>
      countyTargets([testPerson('a', { birth: b1 }), testPerson('b', { birth: b2 })], [h('a', v(1), 'party', '书记', '2020-01-01'), h('b', v(2), 'party', '书记', '2020-01-01')], {
        date: AFTER,
        pack: DEFAULT_PACK,
      });
    expect(lineOf(two('1975-06-30', '1975-06-30'), 'secretaryAverageAge')).toMatchObject({ display: '46.0', status: 'met' }); // 46 + 46
    expect(lineOf(two('1975-06-30', '1974-06-30'), 'secretaryAverageAge')).toMatchObject({ display: '46.5', status: 'not_met' }); // 46 + 47
  });
});

describe('before vs after', () => {
  it('compares the term before the election with the term after, line by line', () => {
    const before = at(BEFORE);
    // Before: s0 (62, 初中) instead of s1; c2 not yet in; "left" (70) still in; s3 54 on 2020-12-31.
    expect(before).toMatchObject({ secretaries: 3, members: 7 });
    expect(lineOf(before, 'memberAverageAge')).toMatchObject({ value: { numerator: 325, denominator: 7 }, display: '46.4', status: 'not_met' }); // 62+50+54+34+25+30+70
    expect(lineOf(before, 'secretaryCollege').value).toEqual({ numerator: 1, denominator: 3 });
    expect(lineOf(before, 'secretaryAverageAge')).toMatchObject({ value: { numerator: 166, denominator: 3 }, display: '55.3' }); // 62 + 50 + 54
    const cmp = compareCountyTargets(before, at(AFTER));
    const change = (id: TargetId) => cmp.changes.find((c) => c.id === id)!;
    expect(change('secretaryCollege')).toMatchObject({ change: '+33.3 个百分点', countChange: 1 });
    expect(change('secretaryAverageAge')).toMatchObject({ change: '-7.0 岁', countChange: null }); // 145/3 − 166/3
    expect(change('oneShoulder')).toMatchObject({ change: '持平', countChange: 0 }); // A before (s0) and after (s1)
    expect(change('memberAverageAge')).toMatchObject({ change: '-7.6 岁', before: { status: 'not_met' }, after: { status: 'met' } }); // (272 − 325) / 7
    expect(change('women').change).toBe('持平'); // 4/7 both
    expect(change('secretaryWealthLeader')).toMatchObject({ change: '+33.3 个百分点', before: { status: 'not_met' }, after: { status: 'not_met' } });
  });

  it('says nothing of a change where one side has no data', () => {
    const cmp = compareCountyTargets(at('2017-01-01'), at(AFTER));
    expect(cmp.changes.every((c) => c.change === null)).toBe(true);
  });
});
