import { decodeText, parseCsv } from './csv-text';
import { unreadable } from './import-errors';
import { SHEET_LIMITS } from './import-limits';
import { toSheetTable, type SheetTable } from './sheet-table';
import { readXlsxTable } from './xlsx-table';

/** Far above any county roster (≈600 villages × 10 rows); keeps a stray upload from filling memory. */
export const MAX_SHEET_BYTES = SHEET_LIMITS.maxFileBytes;

/**
 * A CSV's rows and cells are bounded like an xlsx's, counted on the text before it is split (line
 * breaks and separators bound rows and cells from above, quoted ones included).
 */
function guardCsv(text: string, fileName: string): void {
  const breaks = (text.match(/\r\n?|\n/g) ?? []).length;
  const separators = breaks + (text.match(/[,\t;]/g) ?? []).length;
  const limit = SHEET_LIMITS;
  if (breaks > limit.maxRows) throw unreadable('csv_rows', `“${fileName}”超过 ${limit.maxRows} 行，请分批导入`, `${breaks} line breaks`);
  if (separators > limit.maxCells) throw unreadable('csv_cells', `“${fileName}”的单元格超过 ${limit.maxCells} 个，请分批导入`, `${separators} separators`);
}

/**
 * Reads an uploaded spreadsheet (xlsx or csv) into a header and text rows. The content decides the
 * format (an xlsx renamed .csv still reads); the name only settles plain text. Every refusal is a
 * DomainValidationError with a message for the clerk. `isHeader` finds the header below title
 * rows (for a roster: looksLikeRosterHeader); by default the first row with two different texts.
 */
export async function readSheet(bytes: Buffer, fileName: string, opts: { isHeader?: (cells: readonly string[]) => boolean } = {}): Promise<SheetTable> {
  if (bytes.length === 0) throw unreadable('empty', `“${fileName}”是空文件`, 'zero bytes');
  if (bytes.length > MAX_SHEET_BYTES) throw unreadable('too_large', `“${fileName}”超过 20 MB，请分批导入`, `size ${bytes.length}`);
  const magic = bytes.subarray(0, 4).toString('hex');
  if (magic === '504b0304') return toSheetTable(await readXlsxTable(bytes, fileName), fileName, 'xlsx', null, opts.isHeader);
  if (magic === 'd0cf11e0') {
    throw unreadable('legacy_xls', `“${fileName}”是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入`, 'OLE2 compound file (xls)');
  }
  if (/\.(csv|txt)$/i.test(fileName)) {
    const { text, encoding } = decodeText(bytes);
    guardCsv(text, fileName);
    return toSheetTable(parseCsv(text), fileName, 'csv', encoding, opts.isHeader);
  }
  throw unreadable('type', `只能导入 Excel（.xlsx）或 CSV 文件，“${fileName}”不是`, `unsupported file ${fileName}`);
}
