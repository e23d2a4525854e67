import { ALTERNATIVE_PACK, DEFAULT_PACK } from '../policy';
import { evaluateSlate } from './evaluate-slate';
import { candidatesNeeded } from './margin.rule';
import type { Education } from './facts';
import type { Slate, SlateNominee } from './slate';
import { COMMITTEE_MEMBER, PARTY_MEMBER, SUPERVISION_MEMBER, day, goodSlate, kindOf, nominee, verdictOf } from './test-facts.fixture';

const P = DEFAULT_PACK;
const withNominees = (nominees: SlateNominee[], over: Partial<Slate> = {}) => goodSlate({ nominees, ...over });

describe('the reference slate', () => {
  it('passes every default slate rule', () => {
    expect(evaluateSlate(P, goodSlate()).filter((v) => v.kind !== 'pass')).toEqual([]);
  });
});

describe('seats', () => {
  it.each([
    [3, 'pass'],
    [7, 'pass'],
    [2, 'block'],
    [8, 'block'],
  ])('party committee of %i seats → %s', (party, kind) => {
    expect(kindOf(evaluateSlate(P, goodSlate({ seats: { party, committee: 3 } })), 'slate.seats.party')).toBe(kind);
  });
});

describe('margin (差额)', () => {
  it.each([
    [3, 1.2, 4], // 3.6 → 4: rounded up, a fraction of a person cannot stand
    [4, 1.2, 5], // 4.8 → 5
    [5, 1.2, 6], // exactly 6
    [6, 1.2, 8], // 7.2 → 8: up, not to the nearest
    [2, 1.2, 3], // 2.4 → 3
    [10, 1.1, 11], // exactly 11
    [3, 1.5, 5], // 4.5 → 5
    [4, 1.5, 6],
    [7, 1.25, 9], // 8.75 → 9
  ])('%i seats × %f need %i preliminary candidates', (seats, preliminaryRatio, needed) => {
    expect(candidatesNeeded({ preliminaryRatio, finalExtra: null }, 'preliminary', seats)).toBe(needed);
  });

  it('needs seats + 1 at the final stage, and nothing where the pack sets no rule', () => {
    expect(candidatesNeeded({ preliminaryRatio: 1.2, finalExtra: 1 }, 'final', 3)).toBe(4);
    expect(candidatesNeeded({ preliminaryRatio: null, finalExtra: 1 }, 'preliminary', 3)).toBeNull();
  });

  const party = (n: number) => Array.from({ length: n }, () => nominee(PARTY_MEMBER));
  const committee = [nominee(COMMITTEE_MEMBER, { gender: 'female', birthDate: day('1990-01-01') }), ...Array.from({ length: 3 }, () => nominee(COMMITTEE_MEMBER))];

  it('passes 3 seats with exactly 4 party candidates and blocks 3, with the numbers as evidence', () => {
    expect(kindOf(evaluateSlate(P, withNominees([...party(4), ...committee])), 'slate.margin.party')).toBe('pass');
    const short = verdictOf(evaluateSlate(P, withNominees([...party(3), ...committee])), 'slate.margin.party');
    expect(short).toMatchObject({ kind: 'block', villageCode: '320724101201', evidence: { seats: 3, ratio: 1.2, needed: 4, have: 3, stage: 'preliminary' } });
  });

  it('at the final stage passes seats + 1 and blocks seats', () => {
    expect(kindOf(evaluateSlate(P, withNominees([...party(4), ...committee], { stage: 'final' })), 'slate.margin.party')).toBe('pass');
    expect(kindOf(evaluateSlate(P, withNominees([...party(3), ...committee], { stage: 'final' })), 'slate.margin.party')).toBe('block');
    expect(kindOf(evaluateSlate(P, withNominees([...party(4), ...committee.slice(0, 3)], { stage: 'final' })), 'slate.margin.committee')).toBe('block');
  });

  it('counts a person once per body, however often listed, and a cross-appointed one in each body', () => {
    const [a, b, c] = party(3);
    const twice = withNominees([a, b, c, { ...c }, ...committee]);
    expect(verdictOf(evaluateSlate(P, twice), 'slate.margin.party')?.evidence).toMatchObject({ have: 3 });
    const cross = { facts: committee[1].facts, nomination: PARTY_MEMBER };
    expect(kindOf(evaluateSlate(P, withNominees([a, b, c, cross, ...committee])), 'slate.margin.party')).toBe('pass');
  });
});

describe('at least one woman', () => {
  it('passes one woman on either committee and blocks none', () => {
    const s = goodSlate();
    expect(kindOf(evaluateSlate(P, s), 'slate.woman')).toBe('pass');
    const men = s.nominees.map((n) => ({ ...n, facts: { ...n.facts, gender: 'male' as const } }));
    expect(kindOf(evaluateSlate(P, withNominees(men)), 'slate.woman')).toBe('block');
    const womanOnParty = s.nominees.map((n, i) => ({ ...n, facts: { ...n.facts, gender: i === 1 ? ('female' as const) : ('male' as const) } }));
    expect(kindOf(evaluateSlate(P, withNominees(womanOnParty)), 'slate.woman')).toBe('pass');
  });

  it('does not count a woman nominated only to the supervision committee', () => {
    const men = goodSlate().nominees.map((n) => ({ ...n, facts: { ...n.facts, gender: 'male' as const } }));
    expect(kindOf(evaluateSlate(P, withNominees([...men, nominee(SUPERVISION_MEMBER, { gender: 'female' })])), 'slate.woman')).toBe('block');
  });
});

describe('at least one member aged 35 or under at the cut-off', () => {
  // Everyone 45 but nominee 3, whose birth date and education the case sets.
  const slateWithYoungest = (birthDate: string, education: Education = '大专') =>
    withNominees(goodSlate().nominees.map((n, i) => ({ ...n, facts: i === 3 ? { ...n.facts, birthDate: day(birthDate), education } : { ...n.facts, birthDate: day('1975-01-01') } })));

  it.each([
    ['1985-12-31', 'pass'], // exactly 35 on the cut-off: "35 岁以下" includes 35
    ['1985-01-01', 'pass'], // 35, the last day before 36
    ['1984-12-31', 'needs_approval'], // 36 on the cut-off: one day over
  ])('the youngest born %s → %s', (birth, kind) => {
    expect(kindOf(evaluateSlate(P, slateWithYoungest(birth)), 'slate.young')).toBe(kind);
  });

  it('needs no education in the default pack, 大专+ in the alternative', () => {
    expect(kindOf(evaluateSlate(P, slateWithYoungest('1990-01-01', '初中')), 'slate.young')).toBe('pass');
    expect(kindOf(evaluateSlate(ALTERNATIVE_PACK, slateWithYoungest('1990-01-01', '初中')), 'slate.young')).toBe('block');
    expect(kindOf(evaluateSlate(ALTERNATIVE_PACK, slateWithYoungest('1990-01-01', '大专')), 'slate.young')).toBe('pass');
  });

  it('does not count a young supervision nominee', () => {
    const s = slateWithYoungest('1970-01-01');
    expect(kindOf(evaluateSlate(P, withNominees([...s.nominees, nominee(SUPERVISION_MEMBER, { birthDate: day('1995-01-01') })])), 'slate.young')).toBe('needs_approval');
  });
});

describe('near-relative avoidance', () => {
  const NEAR = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'];

  it.each(NEAR)('blocks two nominees who are %s, read either way, across the two committees', (kind) => {
    const s = goodSlate();
    const [a, b] = [s.nominees[1].facts, s.nominees[5].facts];
    for (const link of [{ personId: a.personId, relativeId: b.personId, kind }, { personId: b.personId, relativeId: a.personId, kind }]) {
      const v = verdictOf(evaluateSlate(P, { ...s, relatives: [link] }), 'slate.near_relatives');
      expect(v).toMatchObject({ kind: 'block', evidence: { pairs: [link] } });
      expect(v?.message).toContain(kind);
      expect(v?.message).toContain(a.name);
    }
  });

  it.each(['叔侄', '堂兄弟姐妹', '表兄弟姐妹', '女婿'])('lets %s (not near in the default pack) both stand', (kind) => {
    const s = goodSlate();
    expect(kindOf(evaluateSlate(P, { ...s, relatives: [{ personId: s.nominees[1].facts.personId, relativeId: s.nominees[5].facts.personId, kind }] }), 'slate.near_relatives')).toBe('pass');
  });

  it('ignores links to people who are not nominees', () => {
    const s = goodSlate();
    expect(kindOf(evaluateSlate(P, { ...s, relatives: [{ personId: s.nominees[1].facts.personId, relativeId: 'someone-else', kind: '配偶' }] }), 'slate.near_relatives')).toBe('pass');
  });
});

describe('supervision committee exclusions', () => {
  const s = goodSlate();
  const committeeMember = s.nominees[5];
  const partyOnly = s.nominees[1];
  const run = (sup: SlateNominee, relatives: Slate['relatives'] = [], pack = P) =>
    verdictOf(evaluateSlate(pack, { ...s, nominees: [...s.nominees, sup], relatives }), 'slate.supervision');

  it('passes an unconnected nominee', () => {
    expect(run(nominee(SUPERVISION_MEMBER))?.kind).toBe('pass');
  });

  it('blocks a villagers’ committee nominee', () => {
    expect(run({ facts: committeeMember.facts, nomination: SUPERVISION_MEMBER })).toMatchObject({ kind: 'block', personId: committeeMember.facts.personId, evidence: { committeeMember: true } });
  });

  it('blocks a near relative of a villagers’ committee nominee, not of a party-only one, not a 叔侄', () => {
    const sup = nominee(SUPERVISION_MEMBER);
    expect(run(sup, [{ personId: committeeMember.facts.personId, relativeId: sup.facts.personId, kind: '子女' }])?.kind).toBe('block');
    expect(run(sup, [{ personId: partyOnly.facts.personId, relativeId: sup.facts.personId, kind: '子女' }])?.kind).toBe('pass');
    expect(run(sup, [{ personId: committeeMember.facts.personId, relativeId: sup.facts.personId, kind: '叔侄' }])?.kind).toBe('pass');
  });

  it.each([
    ['会计', 'block'],
    ['报账员', 'block'],
    ['集体经济组织负责人', 'block'],
    ['文书', 'pass'], // the default pack does not bar the clerk; the alternative does
    ['妇联主席', 'pass'],
  ])('a nominee who is %s → %s', (role, kind) => {
    expect(run(nominee(SUPERVISION_MEMBER, { roles: [role] }))?.kind).toBe(kind);
  });
});
