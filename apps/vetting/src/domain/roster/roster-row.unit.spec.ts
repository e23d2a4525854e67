import { parsePosts } from './roster-cell-values';
import { validateRoster } from './roster-row';
import { day, testCitizenId } from './test-person.fixture';

const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];
const V1 = '320724100200';
const V2 = '320724100201';
const opts = { today: day('2026-11-23') };

/** A good row for person n (odd n female), in village V1, 支部委员 unless told otherwise. */
function row(n: number, o: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const female = n % 2 === 1;
  const id = testCitizenId(n, '1975-06-15', female);
  const base: Record<string, string> = {
    序号: String(n), '村(社区)': '', 村代码: V1, 姓名: `测试${n}`, 身份证号: id, 性别: female ? '女' : '男', 民族: '汉族',
    学历: '高中', 政治面貌: '中共党员', 入党时间: '2001-07-01', 职务: '支部委员', 联系电话: '13800000000',
  };
  return HEADER.map((h) => o[h] ?? base[h]);
}
const check = (rows: string[][], header = HEADER, extra = {}) => validateRoster({ header, rows }, { ...opts, ...extra });
const messages = (rows: string[][]) => check(rows).errors.map((e) => e.message);

describe('one roster row', () => {
  it('gives the typed row with birth date and gender from the id number', () => {
    const { valid, errors } = check([row(1, { 职务: '党支部书记、村委会主任', 入党时间: '2001年7月1日', 民族: '回' })]);
    expect(errors).toEqual([]);
    expect(valid[0]).toMatchObject({
      row: 2, villageCode: V1, gender: 'female', birthDate: '1975-06-15', ethnicity: '回族', education: '高中·中专', politicalStatus: '中共党员', partyJoinDate: '2001-07-01',
      posts: [{ body: 'party', post: '书记' }, { body: 'committee', post: '主任' }],
    });
  });

  it('names the row and the column of a broken check digit', () => {
    const id = row(2)[4];
    expect(messages([row(1), row(2, { 身份证号: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') })])).toEqual(['第 3 行：身份证号校验位不正确，请核对号码']);
  });

  it('refuses a gender that disagrees with the id number', () => {
    expect(messages([row(1, { 性别: '男' })])).toEqual(['第 2 行：性别“男”与身份证号不符（身份证号为女性）']);
  });

  it('refuses a 出生年月 that disagrees with the id number, and accepts one that agrees', () => {
    const header = [...HEADER, '出生年月'];
    expect(check([[...row(1), '1975.06']], header).errors).toEqual([]);
    expect(check([[...row(1), '1975.07']], header).errors.map((e) => e.message)).toEqual(['第 2 行：出生年月“1975.07”与身份证号不符（身份证号为 1975-06-15）']);
  });

  it('refuses unknown and ambiguous posts', () => {
    expect(messages([row(1, { 职务: '村长' })])[0]).toContain('第 2 行：职务“村长”无法识别');
    expect(messages([row(1, { 职务: '妇联主任' })])[0]).toContain('职务“妇联主任”无法识别');
    expect(messages([row(1, { 职务: '委员' })])).toEqual(['第 2 行：职务“委员”不明确：请写“支部委员”或“村（居）委会委员”']);
  });

  it('refuses bad dates, a month without a day, and a join date before 18 or with no party membership', () => {
    expect(messages([row(1, { 入党时间: '2001-02-30' })])).toEqual(['第 2 行：入党时间“2001-02-30”不是有效日期']);
    expect(messages([row(1, { 入党时间: '2001.07' })])).toEqual(['第 2 行：入党时间“2001.07”应精确到日（如 2001-07-01）']);
    expect(messages([row(1, { 入党时间: '1993-06-14' })])).toEqual(['第 2 行：入党时间“1993-06-14”时未满 18 周岁']);
    expect(messages([row(1, { 入党时间: '1993-06-15' })])).toEqual([]); // the 18th birthday itself
    expect(messages([row(1, { 入党时间: '2027-01-01' })])).toEqual(['第 2 行：入党时间“2027-01-01”晚于今天']);
    expect(messages([row(1, { 政治面貌: '群众', 职务: '村委会委员' })])).toEqual(['第 2 行：入党时间不应填写：政治面貌为群众']);
    expect(messages([row(1, { 入党时间: '' })])).toEqual(['第 2 行：入党时间不能为空：政治面貌为中共党员']);
  });

  it('keeps party posts for full party members', () => {
    expect(messages([row(1, { 政治面貌: '预备党员', 入党时间: '2026-07-01' })])).toEqual(['第 2 行：职务“委员”须由正式党员担任，该人员政治面貌为预备党员']);
    expect(messages([row(1, { 政治面貌: '预备党员', 入党时间: '2026-07-01', 职务: '村委会委员' })])).toEqual([]);
  });

  it('reports every problem of a row, not just the first', () => {
    expect(messages([row(1, { 村代码: '3207241002', 学历: '扫盲', 政治面貌: '共青团员', 入党时间: '', 联系电话: '12345' })])).toEqual([
      '第 2 行：村代码“3207241002”不是 12 位村（社区）级区划代码',
      '第 2 行：学历“扫盲”无法识别（可填：研究生、本科、大专、高中、中专、初中、小学）',
      '第 2 行：政治面貌“共青团员”不在可选范围（中共党员、预备党员、群众、民主党派、无党派）',
      '第 2 行：联系电话“12345”格式不正确（应为 11 位手机号或带区号的固定电话）',
    ]);
  });

  it('explains an id number Excel stored as a number, and a 15-digit one', () => {
    expect(messages([row(1, { 身份证号: '3.20724197506151E+17' })])[0]).toContain('第 2 行：身份证号被存成了数字（科学计数法）');
    expect(messages([row(1, { 身份证号: '320724750615101' })])).toEqual(['第 2 行：身份证号为 15 位旧号码，请换算为 18 位后再填写']);
  });

  it('accepts full-width digits and blanks in the id number', () => {
    const id = row(1)[4];
    const wide = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(check([row(1, { 身份证号: ` ${wide.slice(0, 6)} ${wide.slice(6)}` })]).valid[0].citizenId).toBe(id);
  });

  it('checks village codes and names against the villages given', () => {
    const villages = new Map([[V1, '花园村']]);
    expect(check([row(1, { '村(社区)': '花园村' })], HEADER, { villages }).errors).toEqual([]);
    expect(check([row(1, { '村(社区)': '坭金村' })], HEADER, { villages }).errors.map((e) => e.message)).toEqual(['第 2 行：村代码“320724100200”是花园村，与村（社区）“坭金村”不符']);
    expect(check([row(1, { 村代码: V2 })], HEADER, { villages }).errors.map((e) => e.message)).toEqual(['第 2 行：村代码“320724100201”不在本次导入范围内的村（社区）中']);
  });
});

describe('a whole roster', () => {
  it('reports every bad row and keeps the good ones apart', () => {
    const { valid, errors } = check([row(1), row(2, { 性别: '女' }), row(3), row(4, { 学历: '' }), row(5)]);
    expect(valid.map((r) => r.row)).toEqual([2, 4, 6]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([[3, '性别'], [5, '学历']]);
  });

  it('reports the same person twice in one post of one village, on the second row', () => {
    expect(messages([row(1), row(2), row(1, { 序号: '3' })])).toEqual(['第 4 行：身份证号与第 2 行重复（同一人在同一村担任同一职务）']);
  });

  it('allows the same person in two posts (一肩挑 over two rows) and in the same post of another village', () => {
    const { valid, errors } = check([row(1, { 职务: '书记' }), row(1, { 职务: '村委会主任' }), row(1, { 村代码: V2 })]);
    expect(errors).toEqual([]);
    expect(valid).toHaveLength(3);
  });

  it('refuses two secretaries of one village, and one id number under two names', () => {
    expect(messages([row(1, { 职务: '书记' }), row(2, { 职务: '党总支书记' })])).toEqual(['第 3 行：职务“书记”在该村已由第 2 行的人员担任，每村只能有一名']);
    expect(messages([row(1), row(1, { 姓名: '别名', 职务: '村委会委员' })])).toEqual(['第 3 行：姓名“别名”与第 2 行同一身份证号的姓名“测试1”不一致']);
  });

  it('does not let a bad row block the good row that repeats its id number', () => {
    // Row 2 is bad (unknown post); row 3 with the same id is then the first claim, not a duplicate.
    const { valid, errors } = check([row(1, { 职务: '村长' }), row(1)]);
    expect([valid.map((r) => r.row), errors.map((e) => e.row)]).toEqual([[3], [2]]);
  });

  it('numbers rows as the spreadsheet does: header row, blank rows kept and skipped', () => {
    const { valid, errors } = validateRoster({ header: HEADER, rows: [row(1), ['', '', ''], row(2, { 学历: '?' })], headerRow: 3 }, opts);
    expect(valid.map((r) => r.row)).toEqual([4]);
    expect(errors.map((e) => e.row)).toEqual([6]);
  });

  it('reads synonym headers and names every missing column', () => {
    const synonyms = ['编号', '村（社区）名称', '统计用区划代码', '姓 名', '公民身份号码', '性别', '民族', '文化程度', '政治面貌', '入党日期', '现任职务', '手机号码'];
    expect(check([row(1)], synonyms).valid).toHaveLength(1);
    expect(check([row(1)], ['姓名', '职务']).errors.map((e) => e.message)).toEqual([
      '第 1 行（表头）：缺少“村代码”列（可用列名：村代码、村社区代码、村居代码、区划代码、统计用区划代码、行政区划代码、村级代码）',
      '第 1 行（表头）：缺少“身份证号”列（可用列名：身份证号、身份证号码、公民身份号码、身份证）',
      '第 1 行（表头）：缺少“民族”列（可用列名：民族）',
      '第 1 行（表头）：缺少“学历”列（可用列名：学历、文化程度、最高学历）',
      '第 1 行（表头）：缺少“政治面貌”列（可用列名：政治面貌）',
    ]);
    expect(check([row(1)], [...HEADER, '身份证号码']).errors[0].message).toBe('第 1 行（表头）：“身份证号码”与第 5 列“身份证号”重复');
  });
});

describe('post cells', () => {
  it.each([
    ['书记', [['party', '书记']]],
    ['村支书', [['party', '书记']]],
    ['社区党委副书记', [['party', '副书记']]],
    ['副书记(兼纪检委员)', [['party', '副书记'], ['party', '纪检委员']]],
    ['党支部委员', [['party', '委员']]],
    ['支委', [['party', '委员']]],
    ['书记兼主任', [['party', '书记'], ['committee', '主任']]],
    ['党总支书记、村(居)委会主任（一肩挑）', [['party', '书记'], ['committee', '主任']]],
    ['村主任', [['committee', '主任']]],
    ['居民委员会副主任', [['committee', '副主任']]],
    ['村委委员', [['committee', '委员']]],
    ['村务监督委员会主任', [['supervision', '监委会主任']]],
    ['监委会委员', [['supervision', '成员']]],
    ['后备干部', [['reserve', '后备干部']]],
  ])('reads “%s”', (cell, expected) => {
    const p = parsePosts(cell);
    expect(p.ok && p.value.map((x) => [x.body, x.post])).toEqual(expected);
  });
});
