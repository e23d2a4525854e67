import { ALTERNATIVE_PACK, DEFAULT_PACK, validatePolicyPack, type PolicyPack } from '../policy';
import { ageOn } from './dates';
import { evaluatePerson, evaluateSlate } from './evaluate';
import type { Nomination, PersonFacts, Verdict } from './facts';
import type { Slate, SlateNominee } from './slate-rules';

// Cut-off 2020-12-31 in both packs. Every boundary: exactly at the limit, and one day beyond.
const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  personId: 'p',
  name: '甲',
  birthDate: '1980-06-01',
  gender: 'male',
  education: '大专',
  politicalStatus: '中共党员',
  partyJoinDate: '2005-07-01',
  records: [],
  appraisals: [],
  roles: [],
  ...over,
});
const SECRETARY_CONTINUING: Nomination = { post: '书记', body: 'party', continuing: true };
const SECRETARY_NEW: Nomination = { post: '书记', body: 'party', continuing: false };
const MEMBER: Nomination = { post: '委员', body: 'party', continuing: false };
const kindOf = (vs: Verdict[], ruleId: string) => vs.find((v) => v.ruleId === ruleId)?.kind;

describe('person rules at their boundaries', () => {
  it.each([
    // [birth date, default pack verdict, alternative pack verdict] for a continuing secretary
    ['1965-12-31', 'pass', 'needs_approval'], // exactly 55 on the cut-off date
    ['1965-01-01', 'pass', 'needs_approval'], // 55 and almost a year
    ['1964-12-31', 'needs_approval', 'needs_approval'], // 56 on the cut-off date: one day over 55
    ['1960-12-31', 'needs_approval', 'block'], // exactly 60
    ['1959-12-31', 'block', 'block'], // 61: one day over 60
    ['1970-12-31', 'pass', 'pass'], // exactly 50 (the alternative's limit)
    ['1969-12-31', 'pass', 'needs_approval'], // one day over 50
    ['1962-12-31', 'needs_approval', 'needs_approval'], // exactly 58 (the alternative's approval limit)
    ['1961-12-31', 'needs_approval', 'block'], // one day over 58
  ])('continuing secretary born %s: default %s, alternative %s', (birthDate, def, alt) => {
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ birthDate }), SECRETARY_CONTINUING), 'age.secretary')).toBe(def);
    expect(kindOf(evaluatePerson(ALTERNATIVE_PACK, person({ birthDate }), SECRETARY_CONTINUING), 'age.secretary')).toBe(alt);
  });

  it.each([
    ['1975-12-31', 'pass', 'warn'], // exactly 45
    ['1974-12-31', 'warn', 'warn'], // one day over 45
    ['1980-12-31', 'pass', 'pass'], // exactly 40
    ['1979-12-31', 'pass', 'warn'], // one day over 40
  ])('new secretary born %s: default %s, alternative %s (a preference: warn, never block)', (birthDate, def, alt) => {
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ birthDate }), SECRETARY_NEW), 'age.secretary')).toBe(def);
    expect(kindOf(evaluatePerson(ALTERNATIVE_PACK, person({ birthDate }), SECRETARY_NEW), 'age.secretary')).toBe(alt);
  });

  it.each([
    // [kind, record date, default, alternative]
    ['party_sanction_severe', '2017-12-31', 'block', 'block'], // exactly 3 years before the cut-off
    ['party_sanction_severe', '2017-12-30', 'pass', 'block'], // one day outside 3 years, inside 5
    ['party_sanction_severe', '2015-12-31', 'pass', 'block'], // exactly 5 years
    ['party_sanction_severe', '2015-12-30', 'pass', 'pass'], // one day outside 5 years
    ['vote_buying', '2015-12-31', 'block', 'block'],
    ['vote_buying', '2015-12-30', 'pass', 'pass'],
    ['criminal', '1990-05-01', 'block', 'block'], // ever
    ['criminal', '2021-01-05', 'pass', 'pass'], // after the cut-off: not this election's record
    ['gambling', '2016-03-01', 'block', 'block'],
  ])('a %s record dated %s: default %s, alternative %s', (kind, date, def, alt) => {
    const facts = person({ records: [{ kind, date }] });
    const blocks = (pack: PolicyPack) => (evaluatePerson(pack, facts, MEMBER).some((v) => v.ruleId.startsWith('negative.') && v.kind === 'block') ? 'block' : 'pass');
    expect(blocks(DEFAULT_PACK)).toBe(def);
    expect(blocks(ALTERNATIVE_PACK)).toBe(alt);
  });

  it('counts 不称职 appraisals of the last 3 appraisal years (2018–2020), not 2017', () => {
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ appraisals: [{ year: 2018, grade: '不称职' }] }), MEMBER), 'negative.incompetent')).toBe('block');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ appraisals: [{ year: 2017, grade: '不称职' }] }), MEMBER), 'negative.incompetent')).toBe('pass');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ appraisals: [{ year: 2020, grade: '基本称职' }] }), MEMBER), 'negative.incompetent')).toBe('pass');
  });

  it('blocks an investigation still running on the cut-off date, not one closed the day before', () => {
    const v = (endsOn: string | null) => kindOf(evaluatePerson(DEFAULT_PACK, person({ records: [{ kind: 'investigation', date: '2020-10-01', endsOn }] }), MEMBER), 'negative.investigation');
    expect(v(null)).toBe('block');
    expect(v('2020-12-31')).toBe('block');
    expect(v('2020-12-30')).toBe('pass');
  });

  it('wants a secretary to be a full party member of at least 1 year on the cut-off date', () => {
    const v = (over: Partial<PersonFacts>) => kindOf(evaluatePerson(DEFAULT_PACK, person(over), SECRETARY_NEW), 'party.secretary_standing');
    expect(v({ partyJoinDate: '2019-12-31' })).toBe('pass');
    expect(v({ partyJoinDate: '2020-01-01' })).toBe('block');
    expect(v({ politicalStatus: '预备党员', partyJoinDate: '2018-01-01' })).toBe('block');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ politicalStatus: '群众', partyJoinDate: null }), MEMBER), 'party.member')).toBe('block');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ politicalStatus: '群众', partyJoinDate: null }), { post: '委员', body: 'committee', continuing: false }), 'party.member')).toBe('pass');
  });

  it('prefers 大专+ for a new secretary (warn) and says nothing for a continuing one', () => {
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ education: '高中·中专' }), SECRETARY_NEW), 'education.secretary')).toBe('warn');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ education: '大专' }), SECRETARY_NEW), 'education.secretary')).toBe('pass');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, person({ education: '初中' }), SECRETARY_CONTINUING), 'education.secretary')).toBe('pass');
  });

  it('turns needs-approval into approved only with a matching recorded approval, and never lifts a block', () => {
    const old = person({ birthDate: '1962-06-01', records: [{ kind: 'criminal', date: '1999-01-01' }] });
    const approval = { ruleId: 'age.secretary', personId: 'p', approvedBy: 'county-1', reason: '县委常委会研究同意', at: '2020-12-01T00:00:00Z' };
    const vs = evaluatePerson(DEFAULT_PACK, old, SECRETARY_CONTINUING, [approval, { ...approval, ruleId: 'negative.criminal' }]);
    expect(vs.find((v) => v.ruleId === 'age.secretary')).toMatchObject({ kind: 'approved', evidence: { approval } });
    expect(kindOf(vs, 'negative.criminal')).toBe('block');
    expect(kindOf(evaluatePerson(DEFAULT_PACK, old, SECRETARY_CONTINUING, [{ ...approval, personId: 'q' }]), 'age.secretary')).toBe('needs_approval');
  });
});

describe('slate rules at their boundaries', () => {
  let seq = 0;
  const nominee = (over: Partial<PersonFacts> = {}, nomination: Nomination = MEMBER): SlateNominee => ({
    facts: person({ personId: `p${++seq}`, name: `人${seq}`, ...over }),
    nomination,
  });
  const slate = (nominees: SlateNominee[], over: Partial<Slate> = {}): Slate => ({
    villageCode: '320724100001',
    stage: 'preliminary',
    seats: { party: 3, committee: 3, supervision: 3 },
    nominees,
    relatives: [],
    ...over,
  });
  const balanced = () => [
    nominee({ gender: 'female' }),
    nominee({ birthDate: '1990-01-01' }),
    nominee(),
    nominee(),
    ...[1, 2, 3, 4].map(() => nominee({}, { post: '委员', body: 'committee', continuing: false })),
  ];

  it('needs ⌈3 × 1.2⌉ = 4 party candidates (default) and ⌈3 × 1.5⌉ = 5 (alternative)', () => {
    const four = slate(balanced());
    expect(kindOf(evaluateSlate(DEFAULT_PACK, four), 'margin.party')).toBe('pass');
    expect(kindOf(evaluateSlate(ALTERNATIVE_PACK, four), 'margin.party')).toBe('block');
    const three = slate(balanced().filter((_, i) => i !== 3));
    expect(kindOf(evaluateSlate(DEFAULT_PACK, three), 'margin.party')).toBe('block');
    expect(evaluateSlate(DEFAULT_PACK, three).find((v) => v.ruleId === 'margin.party')!.evidence).toMatchObject({ seats: 3, needed: 4, have: 3 });
    const five = slate([...balanced(), nominee()]);
    expect(kindOf(evaluateSlate(ALTERNATIVE_PACK, five), 'margin.party')).toBe('pass');
  });

  it('needs seats + 1 at the final stage', () => {
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate(balanced(), { stage: 'final' })), 'margin.party')).toBe('pass');
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate(balanced(), { stage: 'final', seats: { party: 4, committee: 3, supervision: 3 } })), 'margin.party')).toBe('block');
  });

  it('needs at least one woman', () => {
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate(balanced())), 'slate.woman')).toBe('pass');
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate(balanced().map((n) => ({ ...n, facts: { ...n.facts, gender: 'male' as const } })))), 'slate.woman')).toBe('block');
  });

  it('needs one member under 35 on the cut-off date; the alternative pack also wants 大专+', () => {
    const young = (birthDate: string, education: PersonFacts['education']) =>
      slate([nominee({ gender: 'female', birthDate: '1970-01-01' }), nominee({ birthDate, education }), nominee({ birthDate: '1970-01-01' }), nominee({ birthDate: '1970-01-01' })]);
    expect(kindOf(evaluateSlate(DEFAULT_PACK, young('1986-01-01', '初中')), 'slate.young')).toBe('pass'); // 34
    expect(kindOf(evaluateSlate(ALTERNATIVE_PACK, young('1986-01-01', '初中')), 'slate.young')).toBe('block');
    expect(kindOf(evaluateSlate(ALTERNATIVE_PACK, young('1986-01-01', '大专')), 'slate.young')).toBe('pass');
    expect(kindOf(evaluateSlate(DEFAULT_PACK, young('1985-12-31', '大专')), 'slate.young')).toBe('block'); // exactly 35: not under
    expect(kindOf(evaluateSlate(DEFAULT_PACK, young('1986-01-01', '大专')), 'slate.young')).toBe('pass'); // one day younger
  });

  it.each(['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'])('refuses two nominees who are %s', (kind) => {
    const ns = balanced();
    const s = slate(ns, { relatives: [{ a: ns[0].facts.personId, b: ns[5].facts.personId, kind }] });
    const v = evaluateSlate(DEFAULT_PACK, s).find((x) => x.ruleId === 'slate.near_relatives')!;
    expect(v.kind).toBe('block');
    expect(v.message).toContain(kind);
  });

  it('lets relatives who are not near relatives (叔侄) both stand', () => {
    const ns = balanced();
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate(ns, { relatives: [{ a: ns[0].facts.personId, b: ns[5].facts.personId, kind: '叔侄' }] })), 'slate.near_relatives')).toBe('pass');
  });

  it('keeps committee members, their near relatives, the accountant and the collective-economy head off the supervision committee', () => {
    const SUP: Nomination = { post: '成员', body: 'supervision', continuing: false };
    const ns = balanced();
    const committeeMember = ns[5];
    const ok = nominee({}, SUP);
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate([...ns, ok])), 'slate.supervision')).toBe('pass');
    const same = { facts: committeeMember.facts, nomination: SUP };
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate([...ns, same])), 'slate.supervision')).toBe('block');
    const relative = nominee({}, SUP);
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate([...ns, relative], { relatives: [{ a: relative.facts.personId, b: committeeMember.facts.personId, kind: '兄弟姐妹' }] })), 'slate.supervision')).toBe('block');
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate([...ns, nominee({ roles: ['会计'] }, SUP)])), 'slate.supervision')).toBe('block');
    expect(kindOf(evaluateSlate(DEFAULT_PACK, slate([...ns, nominee({ roles: ['集体经济组织负责人'] }, SUP)])), 'slate.supervision')).toBe('block');
  });
});

describe('age at the cut-off', () => {
  it('counts a 29 February birthday as reached on 28 February of a common year, like CitizenId', () => {
    expect(ageOn('1964-02-29', '2021-02-28')).toBe(57);
    expect(ageOn('1964-02-29', '2021-02-27')).toBe(56);
    expect(ageOn('1964-02-29', '2020-02-28')).toBe(55); // leap year: not before the 29th
  });
});

describe('policy packs are data', () => {
  it('loads a pack with other numbers without code and refuses a malformed one in Chinese', () => {
    expect(validatePolicyPack({ ...DEFAULT_PACK, id: 'x', margin: { preliminaryRatio: 1.3, finalExtra: 2 } }).margin.preliminaryRatio).toBe(1.3);
    expect(() => validatePolicyPack({ ...DEFAULT_PACK, cutOffDate: '2020-13-01' })).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('cutOffDate') }));
    expect(() => validatePolicyPack({ ...DEFAULT_PACK, negativeList: [] })).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('负面清单不能为空') }));
    expect(() => validatePolicyPack({ ...DEFAULT_PACK, age: { ...DEFAULT_PACK.age, continuingSecretaryApprovalMax: 50 } })).toThrow(expect.objectContaining({ code: 'policy.age_order' }));
  });
});
