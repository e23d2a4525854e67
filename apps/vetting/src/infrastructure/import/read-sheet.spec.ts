import ExcelJS from 'exceljs';
import { checkCharOf } from '@lw/domain';
import { validateRoster } from '../../domain/roster/roster-row';
import { readSheet } from './read-sheet';

const HEADER = ['序号', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];
const VILLAGES = new Set(Array.from({ length: 20 }, (_, i) => `3207241002${String(i).padStart(2, '0')}`));
const opts = { isVillage: (c: string) => VILLAGES.has(c), today: '2026-11-23' };

/** A valid id: region 320724, born 1970–1999, sequence from i (odd = male). */
function idFor(i: number): string {
  const first17 = `320724${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
}
const genderOf = (id: string) => (Number(id[16]) % 2 === 1 ? '男' : '女');
const POSTS = ['书记', '支部委员', '村委会主任', '村委会委员', '监委会成员'];

function rowFor(i: number): string[] {
  const id = idFor(i);
  return [String(i + 1), [...VILLAGES][i % 20], `村干部${i}`, id, genderOf(id), '汉族', '高中', '中共党员', '2001-07-01', POSTS[i % 5], '13800000000'];
}

describe('roster import: reading and checking a clerk spreadsheet', () => {
  it('names the 3 bad rows of a 5,000-row xlsx with reasons and keeps the 4,997 good ones apart', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => rowFor(i));
    rows[9][3] = rows[9][3].slice(0, 17) + (rows[9][3][17] === '0' ? '1' : '0'); // check digit broken: spreadsheet row 11
    rows[1999][1] = '110101001001'; // not a village of this county: row 2001
    rows[4999][9] = '村长'; // no such post: row 5001
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(HEADER);
    rows.forEach((r) => ws.addRow(r));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    const sheet = await readSheet(buf, '花名册.xlsx');
    expect(sheet.rows).toHaveLength(5000);
    const { valid, errors } = validateRoster(sheet.header, sheet.rows, opts);
    expect(valid).toHaveLength(4997);
    expect(errors.map((e) => e.row)).toEqual([11, 2001, 5001]);
    expect(errors[0].reasons.join()).toContain('校验位');
    expect(errors[1].reasons.join()).toContain('不是本县的村');
    expect(errors[2].reasons.join()).toContain('职务“村长”无法识别');
  });

  it('reports every problem of a row, duplicates and a gender that contradicts the id number', () => {
    const good = rowFor(1);
    const wrongGender = [...rowFor(2)];
    wrongGender[4] = wrongGender[4] === '男' ? '女' : '男';
    const bad = [...rowFor(3)];
    bad[6] = '扫盲';
    bad[7] = '团员';
    const { valid, errors } = validateRoster(HEADER, [good, good, wrongGender, bad], opts);
    expect(valid).toHaveLength(1);
    expect(errors).toEqual([
      { row: 3, reasons: ['与第 2 行重复（同一人同一村同一班子）'] },
      { row: 4, reasons: [expect.stringContaining('与身份证号不符')] },
      { row: 5, reasons: ['学历“扫盲”无法识别', '政治面貌“团员”无法识别'] },
    ]);
  });

  it('reads CSV in UTF-8 with a BOM, and in GBK as Excel saves it on Chinese Windows', async () => {
    const csv = [HEADER.join(','), rowFor(1).join(','), `"${rowFor(2).slice(0, 1)}",${rowFor(2).slice(1).join(',')}`].join('\r\n');
    const utf8 = await readSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]), 'a.csv');
    expect(utf8.header[2]).toBe('姓名');
    expect(validateRoster(utf8.header, utf8.rows, opts).valid).toHaveLength(2);
    // "姓名" in GBK is C3 FB C3 FB; a minimal GBK file: header and one row of names.
    const gbk = Buffer.from([0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd]);
    const g = await readSheet(gbk, 'b.csv');
    expect(g.header).toEqual(['序号', '姓名']);
    expect(g.rows[0]).toEqual(['1', '张三']);
  });

  it('refuses an empty file, an unknown file type and a header without the needed columns, in Chinese', async () => {
    await expect(readSheet(Buffer.from(HEADER.join(',')), 'empty.csv')).rejects.toMatchObject({ messageZh: expect.stringContaining('没有数据行') });
    await expect(readSheet(Buffer.from('x'), 'roster.doc')).rejects.toMatchObject({ messageZh: expect.stringContaining('只接受') });
    expect(validateRoster(['姓名'], [['张三']], opts).errors[0].reasons[0]).toContain('表头缺少列');
  });
});
