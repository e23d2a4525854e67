import { createHolding } from './holding';
import { CITIZEN_ID_NOT_IMPORTABLE, planImport, detailsOf, type ImportBasis, type KnownPerson } from './import-plan';
import type { RosterRow } from './roster-row';
import { day, testCitizenId } from './test-person.fixture';
import { endHolding, planHolding, termEvents } from './village.decisions';
import { evolveVillage } from './village.state';

const V = '320724100200';
const DATE = day('2021-01-10');

function row(n: number, o: Partial<RosterRow> = {}): RosterRow {
  return {
    row: n + 1, villageCode: V, villageName: null, name: `测试${n}`, citizenId: testCitizenId(n, '1975-06-15', false), gender: 'male', birthDate: day('1975-06-15'),
    ethnicity: '汉族', education: '高中·中专', politicalStatus: '中共党员', partyJoinDate: day('2001-07-01'), posts: [{ body: 'party', post: '委员' }], phone: null, tags: [], ...o,
  };
}

const ids = () => {
  let n = 0;
  return () => `p${++n}`;
};
const OTHER = '320724101200'; // a village of another township
const AREA: ReadonlySet<string> = new Set([V]);
const empty: ImportBasis = { persons: new Map(), villages: new Map(), area: AREA };

/** The basis a committed plan leaves behind: what a second, identical import decides against. */
function after(plan: ReturnType<typeof planImport>, rows: RosterRow[]): ImportBasis {
  const persons = new Map<string, KnownPerson>();
  for (const [personId, p] of plan.persons) {
    const r = rows.find((x) => x.citizenId === p.citizenId)!;
    const villages = new Set(rows.filter((x) => x.citizenId === p.citizenId).map((x) => x.villageCode));
    persons.set(p.citizenId, { personId, details: detailsOf(r), villages, reach: villages });
  }
  return { area: AREA, persons, villages: new Map([...plan.villages].map(([v, events]) => [v, events.reduce(evolveVillage, [] as ReturnType<typeof evolveVillage>)])) };
}

describe('planning an import against the roster', () => {
  it('creates persons and their posts, and a second identical import plans no event at all', () => {
    const rows = [row(1, { posts: [{ body: 'party', post: '书记' }, { body: 'committee', post: '主任' }] }), row(2)];
    const first = planImport(rows, empty, DATE, ids());
    expect(first.outcomes.map((o) => o.outcome)).toEqual(['created', 'created']);
    expect([...first.persons.values()].map((p) => p.events.map((e) => e.type))).toEqual([['PersonRecorded'], ['PersonRecorded']]);
    expect(first.villages.get(V)!.map((e) => `${e.data.personId}:${e.data.post}`)).toEqual(['p1:书记', 'p1:主任', 'p2:委员']);
    const again = planImport(rows, after(first, rows), DATE, ids());
    expect(again.outcomes.map((o) => o.outcome)).toEqual(['unchanged', 'unchanged']);
    expect([...again.persons.values()].flatMap((p) => p.events)).toEqual([]);
    expect(again.villages.size).toBe(0);
  });

  it('updates changed details and a new post of a known person', () => {
    const rows = [row(1)];
    const first = planImport(rows, empty, DATE, ids());
    const changed = [row(1, { education: '大专', posts: [{ body: 'party', post: '委员' }, { body: 'committee', post: '委员' }] })];
    const plan = planImport(changed, after(first, rows), DATE, ids());
    expect(plan.outcomes).toEqual([{ row: 2, outcome: 'updated' }]);
    expect([...plan.persons.values()][0]).toMatchObject({ isNew: false, events: [{ type: 'PersonRecorded', data: { personId: 'p1', education: '大专' } }] });
    expect(plan.villages.get(V)!.map((e) => e.data.post)).toEqual(['委员']);
  });

  it('refuses a one-seat post held by someone else, and two rows disagreeing on one person; the rows after still go in', () => {
    const basis: ImportBasis = { area: AREA, persons: new Map(), villages: new Map([[V, [createHolding({ personId: 'old', villageCode: V, body: 'party', post: '书记', from: '2016-12-15' })]]]) };
    const rows = [row(1, { posts: [{ body: 'party', post: '书记' }] }), row(2), row(2, { row: 9, education: '大专', posts: [{ body: 'committee', post: '委员' }] }), row(3)];
    const plan = planImport(rows, basis, DATE, ids());
    expect(plan.errors.map((e) => e.message)).toEqual([
      '第 2 行：村（社区）党组织书记已由他人担任（自 2016-12-15 起），请先办理其离任',
      '第 9 行：学历与第 3 行同一身份证号的人员不一致',
    ]);
    expect(plan.outcomes.map((o) => o.row)).toEqual([3, 4]);
    expect(plan.persons.size).toBe(2); // the refused row's person is not created
  });
});

describe('a citizen id whose person lies outside the importer\'s area', () => {
  const chair = row(5, { name: '乙镇主任', posts: [{ body: 'committee', post: '主任' }] });
  const elsewhere = (o: Partial<KnownPerson> = {}): KnownPerson => ({ personId: 'b-chair', details: { ...detailsOf(chair), villageCode: OTHER }, villages: new Set([OTHER]), reach: new Set([OTHER]), ...o });
  const basisWith = (p: KnownPerson, holdings: ImportBasis['villages'] = new Map()): ImportBasis => ({ area: AREA, persons: new Map([[chair.citizenId, p]]), villages: holdings });
  const NEUTRAL = `第 ${chair.row} 行：${CITIZEN_ID_NOT_IMPORTABLE}`;

  it('is refused with the neutral answer and nothing of the person is planned; the other rows still go in', () => {
    const sheet = [chair, { ...chair, row: 8 }, row(6)];
    const plan = planImport(sheet, basisWith(elsewhere()), DATE, ids());
    expect(plan.errors).toEqual([
      { row: chair.row, column: '身份证号', message: NEUTRAL },
      { row: 8, column: '身份证号', message: `第 8 行：${CITIZEN_ID_NOT_IMPORTABLE}` },
    ]);
    expect(plan.outcomes).toEqual([{ row: 7, outcome: 'created' }]);
    expect([...plan.persons.keys()]).not.toContain('b-chair');
    expect([...plan.persons.values()].map((p) => p.citizenId)).toEqual([row(6).citizenId]);
    expect(plan.villages.get(V)!.map((e) => e.data.personId)).not.toContain('b-chair');
  });

  it('is refused when only a role or a post lies outside, and reads the same as an id claimed without details', () => {
    const named = elsewhere({ details: { ...detailsOf(chair) }, villages: new Set([V]), reach: new Set([V, OTHER]) });
    const unusable = elsewhere({ details: null, villages: new Set(), reach: new Set() });
    const answers = [named, unusable, elsewhere()].map((p) => planImport([chair], basisWith(p), DATE, ids()));
    for (const a of answers) expect([a.errors, a.outcomes, a.persons.size, a.villages.size]).toEqual([[{ row: chair.row, column: '身份证号', message: NEUTRAL }], [], 0, 0]);
  });

  it('takes a known person whose records all lie inside the area', () => {
    const own = elsewhere({ details: { ...detailsOf(chair), name: '旧名' }, villages: new Set([V]), reach: new Set([V]) });
    const plan = planImport([chair], basisWith(own), DATE, ids());
    expect([plan.errors, plan.outcomes]).toEqual([[], [{ row: chair.row, outcome: 'updated' }]]);
    expect(plan.persons.get('b-chair')!.events).toMatchObject([{ type: 'PersonRecorded', data: { name: '乙镇主任' } }]);
  });

  it('a row whose seat is taken reads the same whether its id is known elsewhere or never seen', () => {
    const taken = new Map([[V, [createHolding({ personId: 'own', villageCode: V, body: 'committee', post: '主任', from: '2016-12-15' })]]]);
    const known = planImport([chair], basisWith(elsewhere(), taken), DATE, ids());
    const unknown = planImport([chair], { ...empty, villages: taken }, DATE, ids());
    expect(known.errors).toEqual(unknown.errors);
    expect(known.errors[0].message).toContain('已由他人担任');
  });
});

describe('holdings of one village', () => {
  const h = [createHolding({ personId: 'a', villageCode: V, body: 'party', post: '书记', from: '2016-12-15' })];

  it('starts nothing when the post is already held by the person, and ends a post on the day left', () => {
    expect(planHolding(h, { personId: 'a', villageCode: V, body: 'party', post: '书记', from: DATE })).toEqual([]);
    const ended = endHolding(h, { personId: 'a', body: 'party', post: '书记', on: DATE });
    expect(ended).toEqual([{ type: 'HoldingEnded', data: { personId: 'a', villageCode: V, body: 'party', post: '书记', from: '2016-12-15', to: DATE } }]);
    // After leaving, the seat is free from that day.
    expect(planHolding(ended.reduce(evolveVillage, h), { personId: 'b', villageCode: V, body: 'party', post: '书记', from: DATE })).toHaveLength(1);
    expect(() => endHolding(h, { personId: 'a', body: 'party', post: '书记', on: day('2016-12-15') })).toThrow();
    expect(() => endHolding(h, { personId: 'b', body: 'party', post: '书记', on: DATE })).toThrow();
  });

  it('turns a hand-over into the holdings it ends and the ones it starts', () => {
    const events = termEvents(h, { villageCode: V, on: DATE, bodies: ['party'], members: [{ personId: 'b', body: 'party', post: '书记' }] });
    expect(events.map((e) => `${e.type}:${e.data.personId}`)).toEqual(['HoldingEnded:a', 'HoldingStarted:b']);
  });
});
