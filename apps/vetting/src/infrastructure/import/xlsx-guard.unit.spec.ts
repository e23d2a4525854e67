import ExcelJS from 'exceljs';
import { DomainValidationError } from '@lw/domain';
import { SHEET_LIMITS } from './import-limits';
import { readSheet } from './read-sheet';
import { guardXlsx, XlsxRefused } from './xlsx-guard';
import { inflateEntries } from './zip-entries';
import { bombStream, part, writeZip, type ZipPart } from './zip.fixture';

// The roster import's bounds (issue 14, L8): an xlsx is checked on its bytes (zip directory, then
// what its XML declares) before exceljs, which holds it whole in memory, reads it.

const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];
const SHEET = 'xl/worksheets/sheet1.xml';

/** A small, real roster workbook's parts (as exceljs writes them). */
async function rosterParts(): Promise<Map<string, Buffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(HEADER);
  ws.addRow(['1', '新安村', '320724100200', '张三', '320724197506150012', '男', '汉族', '高中', '中共党员', '2001-07-01', '支部委员', '']);
  return inflateEntries(Buffer.from(await wb.xlsx.writeBuffer()), { maxEntries: 100, maxEntryBytes: 1 << 24, maxTotalBytes: 1 << 26 });
}

/** The workbook again, with some parts replaced (text: the sheet's XML rewritten; ZipPart: as given). */
async function workbook(change: Record<string, ((xml: string) => string) | ZipPart> = {}): Promise<Buffer> {
  const parts = await rosterParts();
  return writeZip(
    [...parts].map(([name, data]) => {
      const c = change[name];
      if (!c) return part(name, data);
      return typeof c === 'function' ? part(name, c(data.toString('utf8'))) : c;
    }),
  );
}

const withinSheet = (tail: string) => (xml: string) => xml.replace('</worksheet>', `${tail}</worksheet>`);
const inSheetData = (rows: string) => (xml: string) => xml.replace('</sheetData>', `${rows}</sheetData>`);

async function refusal(p: Promise<unknown>): Promise<{ code: string; zh: string }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainValidationError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return { code: e.code, zh: e.messageZh };
}

describe('bounding an uploaded xlsx before it is parsed', () => {
  it('reads a workbook written part by part (the zips below are the same kind of file)', async () => {
    const sheet = await readSheet(await workbook(), '花名册.xlsx');
    expect([sheet.header, sheet.rows[0][3]]).toEqual([HEADER, '张三']);
  });

  describe('zip bombs: a sheet of 300 MB in a file of ≈300 KB', () => {
    const bomb = (declared?: number) => {
      const b = bombStream('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', 300, '</sheetData></worksheet>');
      return { name: SHEET, deflated: b.deflated, size: declared ?? b.size };
    };

    it('refuses one that declares its size from the directory alone, inflating nothing', async () => {
      const file = await workbook({ [SHEET]: bomb() });
      expect(file.length).toBeLessThan(1024 * 1024);
      const before = process.memoryUsage().arrayBuffers;
      const r = await refusal(readSheet(file, '花名册.xlsx'));
      expect(r).toEqual({ code: 'import.xlsx_too_large', zh: expect.stringContaining('“花名册.xlsx”解压后的内容过大') });
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    });

    it('refuses one that lies about its size as soon as it inflates past the size declared', async () => {
      const file = await workbook({ [SHEET]: bomb(4096) });
      const before = process.memoryUsage().arrayBuffers;
      expect(await refusal(readSheet(file, '花名册.xlsx'))).toMatchObject({ code: 'import.xlsx_too_large' });
      await expect(guardXlsx(file, SHEET_LIMITS)).rejects.toThrow(expect.objectContaining({ refusal: { kind: 'too_large', detail: expect.stringContaining('inflates past its declared size') } }));
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    });

    it('refuses entries that together declare more than the total, and too many entries', async () => {
      const parts = await rosterParts();
      const many = [...parts].map(([n, d]) => part(n, d));
      const padding = (i: number) => ({ ...part(`xl/media/pad${i}.bin`, Buffer.alloc(16)), size: 30 * 1024 * 1024 });
      await expect(guardXlsx(writeZip([...many, padding(1), padding(2), padding(3)]), SHEET_LIMITS)).rejects.toThrow(expect.objectContaining({ refusal: expect.objectContaining({ kind: 'too_large' }) }));
      const crowd = Array.from({ length: SHEET_LIMITS.maxEntries + 1 }, (_, i) => part(`customXml/item${i}.xml`, '<a/>'));
      expect(await refusal(readSheet(writeZip([...many, ...crowd]), 'a.xlsx'))).toMatchObject({ code: 'import.xlsx_too_many_entries', zh: expect.stringContaining('解压后的内容过大') });
    });
  });

  it('refuses a sheet hidden past the entry count the end record declares (jszip lists every record it finds)', async () => {
    // Unseen by the guard, the sheet could hold anything (a merge over the whole sheet exhausts the heap): a harmless row shows it is read.
    const parts = [...(await rosterParts())].map(([n, d]) => part(n, n === SHEET ? inSheetData('<row r="3"><c r="A3" t="inlineStr"><is><t>hidden</t></is></c></row>')(d.toString('utf8')) : d));
    const file = writeZip([...parts.filter((p) => p.name !== SHEET), parts.find((p) => p.name === SHEET)!]);
    file.writeUInt16LE(parts.length - 1, file.length - 14);
    file.writeUInt16LE(parts.length - 1, file.length - 12);
    const load = jest.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    expect(await refusal(readSheet(file, '花名册.xlsx'))).toMatchObject({ code: 'import.xlsx_unreadable' });
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
  });

  describe('what the XML declares and the reader would walk cell by cell', () => {
    const cases: [string, Record<string, (xml: string) => string>, string, string][] = [
      ['a merge over the whole sheet', { [SHEET]: withinSheet('<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>') }, 'import.xlsx_merges', '合并单元格的范围过大'],
      ['a data validation outside its list', { [SHEET]: withinSheet('<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations><dataValidation type="list" sqref="A1:A2"/>') }, 'import.xlsx_validations', '数据有效性'],
      ['a column definition past the last column', { [SHEET]: (x) => x.replace('<sheetData>', '<cols><col min="1" max="2147483647" width="9"/></cols><sheetData>') }, 'import.xlsx_columns', '列'],
      ['a cell in the last column', { [SHEET]: inSheetData('<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>') }, 'import.xlsx_columns', '超过 200 列'],
      ['a quoted ">" before the cell reference', { [SHEET]: inSheetData('<row r="3"><c s=">" r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>') }, 'import.xlsx_columns', '超过 200 列'],
      ['a row a million rows down', { [SHEET]: inSheetData('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>') }, 'import.xlsx_rows', '超过 20000 行'],
      ['a print area over the whole sheet', { 'xl/workbook.xml': (x) => x.replace('</workbook>', '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">\'花名册\'!$A$1:$XFD$1048576</definedName></definedNames></workbook>') }, 'import.xlsx_defined_names', '打印区域'],
      ['an entity declaration', { [SHEET]: (x) => x.replace('<worksheet', '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]><worksheet') }, 'import.xlsx_unreadable', '无法读取'],
    ];
    it.each(cases)('refuses %s with a 422 message, before exceljs', async (_what, change, code, zh) => {
      const file = await workbook(change);
      const load = jest.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
      const r = await refusal(readSheet(file, '花名册.xlsx'));
      expect(r.code).toBe(code);
      expect(r.zh).toContain(zh);
      expect(load).not.toHaveBeenCalled();
      load.mockRestore();
    });

    it('reads a template whose drop-down lists cover whole columns (or the whole sheet) without expanding them', async () => {
      const lists = '<dataValidations count="3"><dataValidation type="list" allowBlank="1" sqref="F2:F1048576 H2:H1048576"><formula1>"男,女"</formula1></dataValidation>' +
        '<dataValidation type="list" sqref="I2:I1048576"><formula1>"中共党员,群众"</formula1></dataValidation><dataValidation type="list" sqref="A1:&#88;FD1048576"><formula1>"x"</formula1></dataValidation></dataValidations>';
      const file = await workbook({ [SHEET]: withinSheet(lists) });
      const parsed = await guardXlsx(file, SHEET_LIMITS);
      expect(parsed).not.toBe(file);
      expect(inflateEntries(parsed, SHEET_LIMITS).get(SHEET)!.toString()).not.toContain('dataValidation');
      const sheet = await readSheet(file, '花名册.xlsx');
      expect([sheet.header, sheet.rows[0][3]]).toEqual([HEADER, '张三']);
      // A few lists within the rows are left as they are.
      const small = await workbook({ [SHEET]: withinSheet('<dataValidations count="1"><dataValidation type="list" sqref="F2:F6000"><formula1>"男,女"</formula1></dataValidation></dataValidations>') });
      expect(await guardXlsx(small, SHEET_LIMITS)).toBe(small);
    });

    it('counts rows and cells in every sheet against the bounds', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}" t="inlineStr"><is><t>${i}</t></is></c><c r="B${i + 3}"><v>1</v></c></row>`).join('');
      const file = await workbook({ [SHEET]: inSheetData(rows) });
      await expect(guardXlsx(file, SHEET_LIMITS)).resolves.toBe(file);
      await expect(guardXlsx(file, { ...SHEET_LIMITS, maxRows: 20 })).rejects.toThrow(expect.objectContaining({ refusal: expect.objectContaining({ kind: 'rows' }) }));
      await expect(guardXlsx(file, { ...SHEET_LIMITS, maxCells: 50 })).rejects.toThrow(XlsxRefused);
    });

    it('still reads a sheet with a stray cell far to the right, without widening the other rows', async () => {
      const sheet = await readSheet(await workbook({ [SHEET]: inSheetData('<row r="3"><c r="GR3" t="inlineStr"><is><t>备注</t></is></c></row>') }), '花名册.xlsx');
      expect([sheet.rows[0].length, sheet.rows[1].length]).toEqual([12, 200]);
    });
  });

  it('bounds a CSV’s rows and cells on its text', async () => {
    const lines = `${HEADER.join(',')}\n${'1,2\n'.repeat(SHEET_LIMITS.maxRows + 1)}`;
    expect((await refusal(readSheet(Buffer.from(lines), '花名册.csv'))).zh).toBe(`“花名册.csv”超过 ${SHEET_LIMITS.maxRows} 行，请分批导入`);
    const wide = `${HEADER.join(',')}\n${','.repeat(SHEET_LIMITS.maxCells + 1)}`;
    expect((await refusal(readSheet(Buffer.from(wide), '花名册.csv'))).code).toBe('import.csv_cells');
  });
});
