import { createPerson, isInEffect, type PersonInput } from './person';
import { day, testCitizenId } from './test-person.fixture';

const base = (o: Partial<PersonInput> = {}): PersonInput => ({
  id: 'p1',
  name: '张明华',
  citizenId: testCitizenId(1, '1980-05-20', true),
  ethnicity: '汉族',
  education: '大专',
  politicalStatus: '中共党员',
  partyJoinDate: day('2005-07-01'),
  tags: ['致富能手'],
  disciplinaryRecords: [],
  appraisals: [{ year: 2019, grade: '称职' }],
  relatives: [{ personId: 'p2', kind: '配偶' }],
  ...o,
});
const zh = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { messageZh: string }).messageZh;
  }
  return 'no error';
};

describe('person of the roster', () => {
  it('derives birth date and gender from the id number, never from typed fields', () => {
    expect(createPerson(base())).toMatchObject({ birthDate: '1980-05-20', gender: 'female' });
    expect(createPerson(base({ citizenId: testCitizenId(2, '1962-12-31', false) }))).toMatchObject({ birthDate: '1962-12-31', gender: 'male' });
  });

  it('refuses an id number with a wrong check character, and one born after today', () => {
    const id = testCitizenId(1, '1980-05-20', true);
    const broken = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(zh(() => createPerson(base({ citizenId: broken })))).toContain('校验位不正确');
    expect(zh(() => createPerson(base({ citizenId: testCitizenId(1, '2030-01-01', true) }), { today: day('2026-11-23') }))).toContain('出生日期晚于今天');
  });

  it('allows a join date only to party members, and not before 18', () => {
    expect(zh(() => createPerson(base({ politicalStatus: '群众' })))).toContain('不应有入党时间');
    expect(zh(() => createPerson(base({ partyJoinDate: day('1998-05-19') })))).toContain('早于年满 18 周岁');
    expect(createPerson(base({ partyJoinDate: day('1998-05-20') })).partyJoinDate).toBe('1998-05-20'); // the 18th birthday itself
    expect(createPerson(base({ politicalStatus: '群众', partyJoinDate: undefined })).politicalStatus).toBe('群众');
  });

  it('refuses an effect period ending before the sanction, two appraisals in a year, a link to oneself, a blank ethnicity', () => {
    expect(zh(() => createPerson(base({ disciplinaryRecords: [{ kind: '党内警告', date: day('2020-01-01'), effectEndsOn: day('2019-12-31') }] })))).toContain('影响期');
    expect(zh(() => createPerson(base({ appraisals: [{ year: 2019, grade: '称职' }, { year: 2019, grade: '不称职' }] })))).toContain('同一年度');
    expect(zh(() => createPerson(base({ relatives: [{ personId: 'p1', kind: '配偶' }] })))).toContain('本人');
    expect(zh(() => createPerson(base({ ethnicity: ' ' })))).toContain('民族');
  });

  it('treats a sanction as in effect from its date through the last day of its effect period', () => {
    const r = { kind: '党内警告', date: day('2020-01-10'), effectEndsOn: day('2020-07-09') };
    expect(['2020-01-09', '2020-01-10', '2020-07-09', '2020-07-10'].map((d) => isInEffect(r, day(d)))).toEqual([false, true, true, false]);
    expect(isInEffect({ kind: '诫勉', date: day('2020-01-10') }, day('2020-01-10'))).toBe(false);
  });
});
