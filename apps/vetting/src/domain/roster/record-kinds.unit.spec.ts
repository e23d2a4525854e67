import { effectEndsOn } from './effect-period';
import { recordEndsOn, resolveRecordKind } from './record-kinds';
import { day } from './test-person.fixture';

const zh = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { messageZh: string }).messageZh;
  }
  return 'no error';
};

describe('effect period (影响期) from the record date, the date itself counted', () => {
  it.each([
    ['2020-05-30', 6, '2020-11-29'],
    ['2019-12-01', 12, '2020-11-30'],
    ['2020-08-10', 6, '2021-02-09'],
    ['2021-03-01', 6, '2021-08-31'], // the first of a month: the period ends with the month before
    ['2020-08-31', 6, '2021-02-28'], // no 31 February: the period ends with February
    ['2023-08-31', 6, '2024-02-29'], // … in a leap year too
    ['2020-01-29', 1, '2020-02-28'], // 29 February exists in 2020: the day before it
    ['2021-01-29', 1, '2021-02-28'], // no 29 February: the month's last day
    ['2020-12-31', 18, '2022-06-30'],
    ['2019-02-28', 24, '2021-02-27'],
  ])('%s + %i months ends on %s', (date, months, end) => {
    expect(effectEndsOn(day(date), months)).toBe(end);
  });
});

describe('record kinds as clerks write them', () => {
  it.each([
    ['党内警告', 'party_warning', 6],
    ['党内严重警告处分', 'party_serious_warning', 12],
    ['严重警告', 'party_serious_warning', 12],
    ['撤销党内职务', 'party_sanction_removal_or_above', 24],
    ['留党察看一年', 'party_sanction_removal_or_above', 12],
    ['留党察看二年', 'party_sanction_removal_or_above', 24],
    ['留党察看 2 年', 'party_sanction_removal_or_above', 24],
    ['开除党籍', 'party_sanction_removal_or_above', 60],
    ['政务警告', 'government_warning', 6],
    ['政务记过', 'government_demerit', 12],
    ['记大过', 'government_major_demerit', 18],
    ['降级', 'government_demotion', 24],
    ['撤职', 'government_sanction_dismissal_or_above', 24],
    ['开除公职', 'government_sanction_dismissal_or_above', null],
    ['因故意伤害罪被判处有期徒刑一年', 'criminal_penalty', null],
    ['因赌博罪被判处有期徒刑', 'criminal_penalty', null],
    ['因赌博被行政拘留十日', 'admin_penalty_gambling', null],
    ['吸毒行政拘留', 'admin_penalty_drugs', null],
    ['嫖娼罚款', 'admin_penalty_vice', null],
    ['参与聚众斗殴被行政拘留', 'admin_penalty_affray', null],
    ['拉票贿选被查处', 'vote_buying', null],
    ['立案审查调查', 'investigation', null],
    ['违法占地建房', 'illegal_land_use', null],
    ['不合格党员', 'unqualified_member', null],
  ])('%s → %s, %s months', (text, code, months) => {
    const k = resolveRecordKind(text);
    expect([k.code, k.effectMonths]).toEqual([code, months]);
  });

  it('puts every sanction that the 3-year item names under its one code, and none of the lighter ones', () => {
    const heavy = ['撤销党内职务', '留党察看一年', '开除党籍'].map((t) => resolveRecordKind(t).code);
    expect(new Set(heavy)).toEqual(new Set(['party_sanction_removal_or_above']));
    const light = ['党内警告', '党内严重警告', '政务警告', '记过', '记大过', '降级'].map((t) => resolveRecordKind(t).code);
    expect(light).not.toContain('party_sanction_removal_or_above');
    expect(light).not.toContain('government_sanction_dismissal_or_above');
  });

  it('refuses unknown and ambiguous text in Chinese, listing what is accepted', () => {
    expect(zh(() => resolveRecordKind('通报批评'))).toMatch(/^“通报批评”无法识别。可填写：党内警告、党内严重警告/);
    expect(zh(() => resolveRecordKind('警告'))).toContain('请写“党内警告”或“政务警告”');
    expect(zh(() => resolveRecordKind('  '))).toContain('请填写处分或记录类别');
    expect(zh(() => resolveRecordKind('行政拘留'))).toContain('无法识别');
  });

  it('takes a typed end date over the table, and asks for the 察看期 of a bare 留党察看', () => {
    const warning = resolveRecordKind('党内警告');
    expect(recordEndsOn(warning, day('2020-05-30'))).toBe('2020-11-29');
    expect(recordEndsOn(warning, day('2020-05-30'), day('2020-12-31'))).toBe('2020-12-31');
    expect(zh(() => recordEndsOn(warning, day('2020-05-30'), day('2020-05-29')))).toContain('早于处分日期');
    expect(zh(() => recordEndsOn(resolveRecordKind('留党察看'), day('2020-05-30')))).toContain('请写明察看期');
    expect(recordEndsOn(resolveRecordKind('留党察看'), day('2020-05-30'), day('2022-05-29'))).toBe('2022-05-29');
    expect(recordEndsOn(resolveRecordKind('因赌博被行政拘留'), day('2020-05-30'))).toBeNull();
  });
});
