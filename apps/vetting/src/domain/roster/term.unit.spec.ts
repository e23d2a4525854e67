import { createHolding, holdingsInForce, type Holding } from './holding';
import { startTerm } from './term';
import { day } from './test-person.fixture';

const V = '320724100200';
const hold = (personId: string, body: Holding['body'], post: string, from: string, villageCode = V) => createHolding({ personId, villageCode, body, post, from });
const zh = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { messageZh: string }).messageZh;
  }
  return 'no error';
};

describe('holdings', () => {
  it('refuses a post that does not belong to the body, a non-village code and an end before the start', () => {
    expect(zh(() => hold('a', 'party', '主任', '2021-01-01'))).toContain('职务“主任”不属于村（社区）党组织');
    expect(zh(() => hold('a', 'party', '书记', '2021-01-01', '320724100'))).toContain('不是村（社区）级代码');
    expect(zh(() => createHolding({ personId: 'a', villageCode: V, body: 'party', post: '书记', from: '2021-01-01', to: '2021-01-01' }))).toContain('离任日期');
  });
});

describe('a new term (换届 hand-over)', () => {
  const old = [hold('a', 'party', '书记', '2016-12-15'), hold('b', 'committee', '主任', '2017-01-10'), hold('c', 'party', '书记', '2016-12-15', '320724100201')];

  it('ends the renewed bodies of that village on the hand-over day and starts the new members that day', () => {
    const next = startTerm(old, { villageCode: V, on: day('2021-01-05'), bodies: ['party'], members: [{ personId: 'd', body: 'party', post: '书记' }] });
    const ids = (date: string) => holdingsInForce(next, day(date)).map((h) => `${h.personId}:${h.body}`).sort();
    expect(ids('2021-01-04')).toEqual(['a:party', 'b:committee', 'c:party']);
    // The villagers' committee and the other village are untouched.
    expect(ids('2021-01-05')).toEqual(['b:committee', 'c:party', 'd:party']);
    expect(old.every((h) => h.to === undefined)).toBe(true); // the input is not changed
  });

  it('leaves holdings that had already ended as they were', () => {
    const earlier = createHolding({ personId: 'z', villageCode: V, body: 'party', post: '书记', from: '2011-12-01', to: '2016-12-15' });
    const next = startTerm([earlier, ...old], { villageCode: V, on: day('2021-01-05'), bodies: ['party'], members: [] });
    expect(next.find((h) => h.personId === 'z')?.to).toBe('2016-12-15');
    expect(next.find((h) => h.personId === 'a')?.to).toBe('2021-01-05');
  });

  it('refuses two secretaries, a member of a body not renewed, and a holding starting after the change', () => {
    const on = day('2021-01-05');
    expect(zh(() => startTerm(old, { villageCode: V, on, bodies: ['party'], members: [{ personId: 'd', body: 'party', post: '书记' }, { personId: 'e', body: 'party', post: '书记' }] }))).toContain('只能有一名书记');
    expect(zh(() => startTerm(old, { villageCode: V, on, bodies: ['party'], members: [{ personId: 'd', body: 'committee', post: '主任' }] }))).toContain('不在本次换届范围内');
    expect(zh(() => startTerm(old, { villageCode: V, on: day('2016-12-01'), bodies: ['party'], members: [] }))).toContain('不早于换届日期');
    // Two 委员 are fine: only 书记, 主任 and 监委会主任 have one seat.
    expect(startTerm(old, { villageCode: V, on, bodies: ['party'], members: [{ personId: 'd', body: 'party', post: '委员' }, { personId: 'e', body: 'party', post: '委员' }] })).toHaveLength(5);
  });
});
