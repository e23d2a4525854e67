import ExcelJS from 'exceljs';
import { unreadable } from './import-errors';
import { SHEET_LIMITS, type SheetLimits } from './import-limits';
import { guardXlsx, XlsxRefused, type XlsxRefusal } from './xlsx-guard';

/** The clerk's words for each bound an xlsx went past (422, nothing parsed). */
function refusalMessage(r: XlsxRefusal, fileName: string, limits: SheetLimits): string {
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  switch (r.kind) {
    case 'malformed':
      return `无法读取“${fileName}”：文件已损坏或不是 Excel（.xlsx）文件`;
    case 'encrypted':
      return `“${fileName}”已加密，请在 Excel 中取消密码后再导入`;
    case 'too_many_entries':
    case 'too_large':
      return `“${fileName}”解压后的内容过大（单个部件不超过 ${mb(limits.maxEntryBytes)} MB，合计不超过 ${mb(limits.maxTotalBytes)} MB），不像是正常的花名册，请检查文件或分批导入`;
    case 'rows':
      return `“${fileName}”超过 ${limits.maxRows} 行，请分批导入（若表格下方有大量空白行带有格式，请删除后再导入）`;
    case 'columns':
      return `“${fileName}”超过 ${limits.maxColumns} 列，请删除表格右侧多余的列后再导入`;
    case 'cells':
      return `“${fileName}”的单元格超过 ${limits.maxCells} 个，请分批导入`;
    case 'merges':
      return `“${fileName}”中合并单元格的范围过大，请取消多余的合并后再导入`;
    case 'validations':
      return `“${fileName}”中的数据有效性（下拉列表）无法读取，请在 Excel 中清除数据有效性后再导入`;
    case 'defined_names':
      return `“${fileName}”中定义的名称或打印区域范围过大，请在 Excel 中删除后再导入`;
  }
}

/**
 * The first visible worksheet that has content, as text: table[r - 1] is spreadsheet row r, so
 * blank rows stay where they were and row numbers in error reports match what the clerk sees.
 * The file is checked against `limits` (guardXlsx) before exceljs, which holds the whole workbook
 * in memory, reads it (without data validations when they are too wide to expand). A row is as
 * long as its last cell with text.
 */
export async function readXlsxTable(bytes: Buffer, fileName: string, limits: SheetLimits = SHEET_LIMITS): Promise<string[][]> {
  let checked: Buffer;
  try {
    checked = await guardXlsx(bytes, limits);
  } catch (e) {
    if (!(e instanceof XlsxRefused)) throw e;
    const code = e.refusal.kind === 'malformed' ? 'xlsx_unreadable' : `xlsx_${e.refusal.kind}`;
    throw unreadable(code, refusalMessage(e.refusal, fileName, limits), `xlsx refused before parsing: ${e.refusal.kind}: ${e.refusal.detail}`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type, narrower than node's: the bytes are the same.
    await wb.xlsx.load(checked as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw unreadable('xlsx_unreadable', `无法读取“${fileName}”：文件已损坏或不是 Excel（.xlsx）文件`, `xlsx load failed: ${(e as Error).message}`);
  }
  const ws = wb.worksheets.find((s) => s.state === 'visible' && s.actualRowCount > 0);
  if (!ws) return [];
  const table: string[][] = [];
  // Only the cells the sheet has: a stray cell far to the right widens no other row.
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const text = cellText(cell.value);
      if (!text) return;
      while (cells.length < c - 1) cells.push('');
      cells[c - 1] = text;
    });
    while (table.length < n - 1) table.push([]);
    table.push(cells);
  });
  return table;
}

/** A cell as the clerk reads it on screen; merged cells repeat the master's value (exceljs does that). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // Date cells come back as UTC midnight of the day shown.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in v) return cellText((v as ExcelJS.CellHyperlinkValue).text);
  return '';
}

/**
 * Excel keeps 15 significant digits. An 18-digit id number typed as a number has already lost its
 * tail; show it as Excel does (3.20724197506151E+17) so the check can say what happened instead
 * of printing a plausible-looking wrong number.
 */
function numberText(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toExponential().toUpperCase();
  return String(Number(n.toPrecision(15)));
}
