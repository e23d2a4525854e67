import { parseLocalDate } from '@lw/domain';
import { createHolding, type Holding } from './holding';
import type { Education } from '../rules/facts';
import { createPerson, type DisciplinaryRecord, type Person, type PoliticalStatus } from './person';
import type { Body } from './post';
import { testCitizenId } from './test-person.fixture';

/*
 * A township roster built to match seed 004, report 1, 一、基本情况 (全镇总体情况):
 *   95 cadres = 57 party committee + 83 villagers' committee − 45 cross-appointed;
 *   80 正式党员, 4 预备党员, 1 无党派 (so 10 群众); 40 women;
 *   25 under 45, 42 aged 45–54, 28 over 54; 10 大专+, 59 高中（中专）, 26 初中, no 小学;
 *   15 disciplined since the 2016 election, 2 still within the effect period.
 * Also from the same report (§三): 19 villages, 30 reserve cadres, only 1 secretary under 45,
 * average age "在48周岁"; and "另有不是两委干部的常职干部1人", a person with no committee post.
 * Everything is derived from fixed index arithmetic: the same call gives the same roster.
 *
 * Layout: 19 villages × 5 cadres. Every party committee has 3 (书记, 副书记, 纪检委员) = 57.
 * Villages 12–18 have 5 on the villagers' committee with 3 cross-appointed, villages 0–11 have 4
 * with 2: 7 × 5 + 12 × 4 = 83 and 7 × 3 + 12 × 2 = 45. Villages 0, 3, 6 … 18 have 一肩挑 (7).
 */

export const SEED_004_TOWNSHIP = '320724100';
export const SEED_004_DATE = parseLocalDate('2020-11-30');
export const SEED_004_LAST_ELECTION = parseLocalDate('2016-12-15');
/** A village of another township, so the township figures need the scope filter. */
export const SEED_004_OTHER_VILLAGE = '320724101200';

const COMMITTEE_FROM = parseLocalDate('2017-01-10');
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '明华建国秀英志强春梅海燕玉兰德胜红霞立新';

/** Village j's code: three communities (001–003), then administrative villages (200–215). */
export function seed004Village(j: number): string {
  return `${SEED_004_TOWNSHIP}${j < 3 ? String(j + 1).padStart(3, '0') : String(197 + j)}`;
}


/**
 * A birth date giving exactly `age` full years on 2020-11-30. Variant 0 has the birthday ON that day
 * (just turned `age`), variant 1 the day after (turns age+1 tomorrow): the band edges get exercised.
 */
function bornFor(age: number, variant: number): string {
  const y = 2020 - age;
  return variant === 0 ? `${y}-11-30` : variant === 1 ? `${y - 1}-12-01` : `${y}-0${1 + (variant % 9)}-15`;
}

function name(i: number): string {
  return SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 3 + 1) % GIVEN.length];
}

function person(id: string, i: number, p: { n: number; birth: string; female: boolean; education: Education; status: PoliticalStatus; records?: DisciplinaryRecord[]; tags?: string[] }): Person {
  const by = Number(p.birth.slice(0, 4));
  const partyJoinDate = p.status === '中共党员' ? parseLocalDate(`${by + 25}-07-01`) : p.status === '预备党员' ? parseLocalDate('2020-07-01') : undefined;
  return createPerson({
    id,
    name: name(i),
    citizenId: testCitizenId(p.n, p.birth, p.female),
    ethnicity: i % 31 === 0 ? '回族' : '汉族',
    education: p.education,
    politicalStatus: p.status,
    ...(partyJoinDate ? { partyJoinDate } : {}),
    phone: `1380000${String(i).padStart(4, '0')}`,
    tags: p.tags ?? [],
    disciplinaryRecords: p.records ?? [],
    appraisals: [{ year: 2019, grade: '称职' }],
    relatives: [],
  });
}

/** Ages by band; secretaries take 1 young, 10 middle, 8 old so that only one is under 45. */
function ages(): { secretaries: number[]; others: number[] } {
  const young = (k: number) => 30 + (k % 15); // 30..44
  const mid = (k: number) => 45 + (k % 10); // 45..54
  const old = (k: number) => 55 + (k % 5); // 55..59; all 95 average 48.1 (the report: "在48周岁")
  const secretaries = [young(14), ...Array.from({ length: 10 }, (_, k) => mid(k + 3)), ...Array.from({ length: 8 }, (_, k) => old(k))];
  const others = [...Array.from({ length: 24 }, (_, k) => young(k)), ...Array.from({ length: 32 }, (_, k) => mid(k)), ...Array.from({ length: 20 }, (_, k) => old(k + 3))];
  return { secretaries, others };
}

/** Sanctions: 15 cadres since the election (2 in effect on the date), plus records that must not count. */
function records(i: number): DisciplinaryRecord[] {
  const d = (s: string) => parseLocalDate(s);
  const pick = (i * 29) % 95; // spreads the sanctioned over villages and posts
  if (pick === 0) return [{ kind: '党内严重警告', date: d('2019-12-01'), effectEndsOn: d('2020-11-30') }]; // last day of effect: in effect
  if (pick === 1) return [{ kind: '党内警告', date: d('2020-08-10'), effectEndsOn: d('2021-02-09') }];
  if (pick === 2) return [{ kind: '党内警告', date: d('2020-05-30'), effectEndsOn: d('2020-11-29') }]; // ended the day before
  if (pick === 3) return [{ kind: '党内警告', date: SEED_004_LAST_ELECTION, effectEndsOn: d('2017-06-14') }]; // on the election day itself: counts
  if (pick === 4) {
    // two sanctions, one person
    return [
      { kind: '党内警告', date: d('2017-03-01'), effectEndsOn: d('2017-08-31') },
      { kind: '党内严重警告', date: d('2018-04-01'), effectEndsOn: d('2019-03-31') },
    ];
  }
  if (pick < 15) {
    const m = String(pick - 4).padStart(2, '0'); // months 01..10 of 2018, effect 12 months
    return [{ kind: pick % 2 ? '党内严重警告' : '政务记过', date: d(`2018-${m}-10`), effectEndsOn: d(`2019-${m}-09`) }];
  }
  if (pick === 15 || pick === 16) return [{ kind: '党内警告', date: d('2016-12-14'), effectEndsOn: d('2017-06-13') }]; // the day before the election: not since
  if (pick === 17) return [{ kind: '党内警告', date: d('2020-12-05'), effectEndsOn: d('2021-06-04') }]; // after the date: not yet known
  return [];
}

export function seed004Roster(): { persons: Person[]; holdings: Holding[] } {
  const persons: Person[] = [];
  const holdings: Holding[] = [];
  const hold = (personId: string, villageCode: string, body: Body, post: string, from: string, to?: string) =>
    holdings.push(createHolding({ personId, villageCode, body, post, from, ...(to ? { to } : {}) }));
  const { secretaries, others } = ages();
  let committeeOnly = 0;
  let other = 0;
  for (let j = 0; j < 19; j++) {
    const v = seed004Village(j);
    const big = j >= 12;
    const oneShoulder = j % 3 === 0;
    for (let s = 0; s < 5; s++) {
      const i = j * 5 + s;
      const onlyCommittee = s >= 3;
      let status: PoliticalStatus = '中共党员';
      if (onlyCommittee) {
        const k = committeeOnly++;
        status = k < 23 ? '中共党员' : k < 27 ? '预备党员' : k === 27 ? '无党派' : '群众';
      }
      // A non-secretary's band comes from a permutation of 0..75, so band does not follow post.
      const age = s === 0 ? secretaries[j] : others[(other++ * 31) % 76];
      const e = (i * 53) % 95;
      const education: Education = e < 1 ? '研究生' : e < 3 ? '本科' : e < 10 ? '大专' : e < 69 ? '高中·中专' : '初中';
      const tags = s === 0 && j % 2 === 0 ? ['致富能手'] : s === 4 && j % 5 === 0 ? ['退役军人'] : [];
      persons.push(person(`c${i}`, i, { n: persons.length, birth: bornFor(age, i % 4), female: (i * 37) % 95 < 40, education, status, records: records(i), tags }));
      const id = `c${i}`;
      if (s === 0) hold(id, v, 'party', '书记', SEED_004_LAST_ELECTION);
      if (s === 1) hold(id, v, 'party', '副书记', SEED_004_LAST_ELECTION);
      if (s === 2) hold(id, v, 'party', '纪检委员', SEED_004_LAST_ELECTION);
      if (s === 0) hold(id, v, 'committee', oneShoulder ? '主任' : '委员', COMMITTEE_FROM);
      if (s === 1) hold(id, v, 'committee', '副主任', COMMITTEE_FROM);
      if (s === 2 && big) hold(id, v, 'committee', '委员', COMMITTEE_FROM);
      if (s === 3) hold(id, v, 'committee', oneShoulder ? '委员' : '主任', COMMITTEE_FROM);
      if (s === 4) hold(id, v, 'committee', '委员', COMMITTEE_FROM);
      // The 纪检委员 chairs the supervision committee where they are not on the villagers' committee.
      if (s === 2 && !big) hold(id, v, 'supervision', '监委会主任', COMMITTEE_FROM);
    }
  }
  // Not cadres: supervision members, the reserve pool (30, §三(二)), the full-time cadre with no post.
  const extra = (id: string, i: number, status: PoliticalStatus = '群众') =>
    persons.push(person(id, i, { n: persons.length, birth: bornFor(30 + (i % 30), 2), female: i % 3 === 0, education: '高中·中专', status }));
  for (let j = 0; j < 19; j++) {
    const v = seed004Village(j);
    if (j >= 12) {
      extra(`s${j}-0`, 200 + j, '中共党员');
      hold(`s${j}-0`, v, 'supervision', '监委会主任', COMMITTEE_FROM);
    }
    for (const k of [1, 2]) {
      extra(`s${j}-${k}`, 300 + j * 2 + k);
      hold(`s${j}-${k}`, v, 'supervision', '成员', COMMITTEE_FROM);
    }
  }
  for (let r = 0; r < 30; r++) {
    extra(`r${r}`, 400 + r, r % 2 ? '中共党员' : '群众');
    hold(`r${r}`, seed004Village(r % 19), 'reserve', '后备干部', parseLocalDate('2019-03-01'));
  }
  extra('full-time', 500, '中共党员');
  // Holdings that must not count on the date: an earlier term, a member who left, one who joins later.
  extra('former-secretary', 501, '中共党员');
  hold('former-secretary', seed004Village(0), 'party', '书记', '2013-12-01', SEED_004_LAST_ELECTION);
  extra('left', 502);
  hold('left', seed004Village(1), 'committee', '委员', COMMITTEE_FROM, '2020-06-30');
  extra('joins-later', 503);
  hold('joins-later', seed004Village(2), 'committee', '委员', '2020-12-01');
  // Another township's village: inside the county, outside the township's scope.
  for (let s = 0; s < 3; s++) {
    extra(`o${s}`, 600 + s, '中共党员');
    hold(`o${s}`, SEED_004_OTHER_VILLAGE, 'party', s === 0 ? '书记' : '委员', SEED_004_LAST_ELECTION);
    hold(`o${s}`, SEED_004_OTHER_VILLAGE, 'committee', s === 0 ? '主任' : '委员', COMMITTEE_FROM);
  }
  return { persons, holdings };
}
