import ExcelJS from 'exceljs';
import { unreadable } from './import-errors';

/**
 * The first visible worksheet that has content, as text: table[r - 1] is spreadsheet row r, so
 * blank rows stay where they were and row numbers in error reports match what the clerk sees.
 */
export async function readXlsxTable(bytes: Buffer, fileName: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type, narrower than node's: the bytes are the same.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw unreadable('xlsx_unreadable', `无法读取“${fileName}”：文件已损坏或不是 Excel（.xlsx）文件`, `xlsx load failed: ${(e as Error).message}`);
  }
  const ws = wb.worksheets.find((s) => s.state === 'visible' && s.actualRowCount > 0);
  if (!ws) return [];
  const table: string[][] = [];
  // columnCount walks the sheet on every read: read it once.
  const columns = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c).value));
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
