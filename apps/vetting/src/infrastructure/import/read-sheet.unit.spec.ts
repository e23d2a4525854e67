import ExcelJS from 'exceljs';
import { parseLocalDate } from '@lw/domain';
import { looksLikeRosterHeader, validateRoster } from '../../domain/roster';
import { testCitizenId } from '../../domain/roster/test-person.fixture';
import { readSheet } from './read-sheet';

const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];
const POSTS = ['党支部书记、村委会主任', '副书记', '支部委员', '村委会委员', '村委会委员'];
const opts = { today: parseLocalDate('2026-11-23') };

/** Row i of a 1,000-village county roster: 5 rows a village, every id number unique. */
function rosterRow(i: number): (string | number | Date)[] {
  const village = Math.floor(i / 5);
  const code = `320724${100 + Math.floor(village / 100)}${200 + (village % 100)}`;
  const female = i % 2 === 1;
  const id = testCitizenId(i % 500, `${1960 + Math.floor(i / 500)}-03-15`, female);
  const member = i % 5 !== 4;
  const joined = member ? new Date(Date.UTC(1995, 6, 1)) : ''; // a real date cell, as Excel keeps it
  return [i + 1, `${village}村`, code, `村干部${i}`, id, female ? '女' : '男', '汉族', '高中', member ? '中共党员' : '群众', joined, POSTS[i % 5], 13800000000 + i];
}

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('花名册'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const zhOf = async (p: Promise<unknown>) => p.then(() => 'no error', (e: { messageZh: string }) => e.messageZh);

describe('reading a clerk spreadsheet', () => {
  it('names the 3 bad rows of a 5,000-row xlsx with reasons and counts 4,997 valid', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => rosterRow(i));
    const id = String(rows[9][4]);
    rows[9][4] = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // broken check character
    rows[1999][5] = rows[1999][5] === '男' ? '女' : '男'; // gender against the id number
    rows[4999][10] = '村长'; // no such post
    const buf = await xlsx((ws) => {
      ws.addRow(['灌南县村（社区）“两委”干部花名册']);
      ws.mergeCells('A1:L1'); // a title over the table: row 1, the header is row 2
      ws.addRow(HEADER);
      rows.forEach((r) => ws.addRow(r));
    });

    const sheet = await readSheet(buf, '花名册.xlsx', { isHeader: looksLikeRosterHeader });
    expect([sheet.headerRow, sheet.rows.length, sheet.format]).toEqual([2, 5000, 'xlsx']);
    const { valid, errors } = validateRoster(sheet, opts);
    expect(valid).toHaveLength(4997);
    expect(errors.map((e) => e.message)).toEqual([
      '第 12 行：身份证号校验位不正确，请核对号码',
      `第 2002 行：性别“${rows[1999][5]}”与身份证号不符（身份证号为${rows[1999][5] === '男' ? '女' : '男'}性）`,
      expect.stringMatching(/^第 5002 行：职务“村长”无法识别/),
    ]);
    // The dates and numbers Excel stores as such come back as the text the clerk sees.
    expect(valid[0]).toMatchObject({ partyJoinDate: '1995-07-01', phone: '13800000000', posts: [{ body: 'party', post: '书记' }, { body: 'committee', post: '主任' }] });
  });

  it('keeps spreadsheet row numbers across blank rows and reads formula, rich-text and hyperlink cells as text', async () => {
    const buf = await xlsx((ws) => {
      ws.addRow(HEADER);
      ws.addRow(rosterRow(0));
      ws.addRow([]);
      const r = ws.addRow(rosterRow(1));
      r.getCell(4).value = { richText: [{ text: '村干' }, { text: '部1' }] };
      r.getCell(1).value = { formula: 'A2+1', result: 2 };
      r.getCell(12).value = { text: '13900000000', hyperlink: 'tel:13900000000' };
      ws.addRow([]);
    });
    const sheet = await readSheet(buf, 'a.xlsx');
    expect(sheet.rows).toHaveLength(3); // the trailing blank row is gone, the inner one stays
    expect(sheet.rows[2].slice(0, 4)).toEqual(['2', '0村', '320724100200', '村干部1']);
    expect(sheet.rows[2][11]).toBe('13900000000');
    expect(validateRoster(sheet, opts).valid.map((r) => r.row)).toEqual([2, 4]);
  });

  it('shows an id number stored as a number the way Excel does, and the check says why it is lost', async () => {
    const buf = await xlsx((ws) => {
      ws.addRow(HEADER);
      const r = rosterRow(0);
      r[4] = Number(r[4]); // an 18-digit number: beyond double precision
      ws.addRow(r);
    });
    const sheet = await readSheet(buf, 'a.xlsx');
    expect(sheet.rows[0][4]).toMatch(/^3\.\d+E\+17$/);
    expect(validateRoster(sheet, opts).errors[0].message).toContain('第 2 行：身份证号被存成了数字（科学计数法）');
  });

  it('reads a UTF-8 CSV with a BOM, quoted commas and line breaks, and a final line break', async () => {
    const r1 = rosterRow(0).map(String);
    r1[9] = '1995-07-01';
    r1[1] = '"新安镇,1村"';
    const r2 = rosterRow(1).map(String);
    r2[9] = '1995-07-01';
    r2[1] = '"第二\r\n村"';
    const csv = `${[HEADER, r1, r2].map((r) => r.join(',')).join('\r\n')}\r\n`;
    const sheet = await readSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]), '花名册.csv');
    expect([sheet.header[0], sheet.encoding, sheet.rows.length]).toEqual(['序号', 'utf-8', 2]);
    expect([sheet.rows[0][1], sheet.rows[1][1]]).toEqual(['新安镇,1村', '第二\r\n村']);
    expect(validateRoster(sheet, opts).valid).toHaveLength(2);
  });

  it('reads a CSV without a BOM as UTF-8, and one in GBK (Excel on Chinese Windows) as GBK', async () => {
    expect((await readSheet(Buffer.from('序号,姓名\n1,张三'), 'a.csv')).rows).toEqual([['1', '张三']]);
    // "序号,姓名\r\n1,张三" in GBK.
    const gbk = Buffer.from([0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd]);
    const g = await readSheet(gbk, 'b.csv');
    expect([g.header, g.rows, g.encoding]).toEqual([['序号', '姓名'], [['1', '张三']], 'gbk']);
  });

  it('reads Excel "Unicode text": UTF-16 with tabs', async () => {
    const text = '序号\t姓名\r\n1\t张三\r\n';
    const sheet = await readSheet(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'c.txt');
    expect([sheet.header, sheet.rows, sheet.encoding]).toEqual([['序号', '姓名'], [['1', '张三']], 'utf-16le']);
  });

  it('skips a title and a "填报单位" line above the header when told what a header looks like', async () => {
    const csv = ['××镇两委干部花名册,,,', '填报单位：××镇,填报日期：2020-11-30,,', HEADER.join(','), rosterRow(0).map(String).join(',')].join('\n');
    const sheet = await readSheet(Buffer.from(csv), 'd.csv', { isHeader: looksLikeRosterHeader });
    expect([sheet.headerRow, sheet.header[2]]).toEqual([3, '村代码']);
    // Without the hint the "填报单位" line would be taken for the header.
    expect((await readSheet(Buffer.from(csv), 'd.csv')).headerRow).toBe(2);
  });

  it('refuses, in Chinese, files it cannot read', async () => {
    expect(await zhOf(readSheet(Buffer.alloc(0), 'empty.csv'))).toBe('“empty.csv”是空文件');
    expect(await zhOf(readSheet(Buffer.from('\r\n\r\n'), 'blank.csv'))).toBe('“blank.csv”是空的，没有任何内容');
    expect(await zhOf(readSheet(Buffer.from(`${HEADER.join(',')}\r\n,,\r\n`), 'header.csv'))).toBe('“header.csv”只有表头，没有数据行');
    expect(await zhOf(readSheet(await xlsx(() => undefined), 'blank.xlsx'))).toBe('“blank.xlsx”是空的，没有任何内容');
    expect(await zhOf(readSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls'))).toContain('另存为 .xlsx 或 CSV');
    expect(await zhOf(readSheet(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'broken.xlsx'))).toContain('无法读取“broken.xlsx”');
    expect(await zhOf(readSheet(Buffer.from('%PDF-1.4'), 'roster.pdf'))).toContain('只能导入 Excel（.xlsx）或 CSV 文件');
    expect(await zhOf(readSheet(Buffer.from('序号,姓名\n1,"张三\n2,李四'), 'q.csv'))).toBe('CSV 第 2 行的引号没有闭合，请检查该行');
    expect(await zhOf(readSheet(Buffer.from('只有一列\n1'), 'one.csv'))).toContain('找不到表头');
  });
  it('refuses a cell holding NUL or another control character, naming its row and column (L1)', async () => {
    const row = rosterRow(0).map(String);
    row[3] = `张\u0000三`;
    const csv = ['××镇两委干部花名册,,,', HEADER.join(','), row.join(',')].join('\n');
    expect(await zhOf(readSheet(Buffer.from(csv), 'nul.csv', { isHeader: looksLikeRosterHeader }))).toBe(
      '“nul.csv”第 3 行 D 列（姓名）含有不可见的控制字符（如 NUL），请删除这些字符后重新导入，本次未导入任何数据',
    );
    const bell = [HEADER.join(','), rosterRow(0).map(String).join(','), [...rosterRow(1).slice(0, 6).map(String), '汉\u0007族'].join(',')].join('\r\n');
    expect(await zhOf(readSheet(Buffer.from(bell), 'bell.csv'))).toContain('第 3 行 G 列（民族）含有不可见的控制字符');
    // Tabs and line breaks inside a cell are text, not control characters.
    expect((await readSheet(Buffer.from(`${HEADER.join(',')}\n1,"新安\n村"`), 'ok.csv')).rows[0][1]).toBe('新安\n村');
  });
});
