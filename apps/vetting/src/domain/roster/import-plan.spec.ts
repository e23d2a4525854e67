import { createHolding } from './holding';
import { planImport, detailsOf, type ImportBasis } from './import-plan';
import type { RosterRow } from './roster-row';
import { day, testCitizenId } from './test-person.fixture';
import { endHolding, evolveVillage, planHolding, termEvents } from './village-holdings';

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
const empty: ImportBasis = { persons: new Map(), villages: new Map() };

/** The basis a committed plan leaves behind: what a second, identical import decides against. */
function after(plan: ReturnType<typeof planImport>, rows: RosterRow[]): ImportBasis {
  const persons = new Map<string, { personId: string; details: ReturnType<typeof detailsOf>; villages: Set<string> }>();
  for (const [personId, p] of plan.persons) {
    const r = rows.find((x) => x.citizenId === p.citizenId)!;
    persons.set(p.citizenId, { personId, details: detailsOf(r), villages: new Set(rows.filter((x) => x.citizenId === p.citizenId).map((x) => x.villageCode)) });
  }
  return { persons, villages: new Map([...plan.villages].map(([v, events]) => [v, events.reduce(evolveVillage, [] as ReturnType<typeof evolveVillage>)])) };
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
    const basis: ImportBasis = { persons: new Map(), villages: new Map([[V, [createHolding({ personId: 'old', villageCode: V, body: 'party', post: '书记', from: '2016-12-15' })]]]) };
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
