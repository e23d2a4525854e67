import { decodeText, parseCsv } from './csv-text';
import { unreadable } from './import-errors';
import { toSheetTable, type SheetTable } from './sheet-table';
import { readXlsxTable } from './xlsx-table';

/** Far above any county roster (≈600 villages × 10 rows); keeps a stray upload from filling memory. */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

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
    return toSheetTable(parseCsv(text), fileName, 'csv', encoding, opts.isHeader);
  }
  throw unreadable('type', `只能导入 Excel（.xlsx）或 CSV 文件，“${fileName}”不是`, `unsupported file ${fileName}`);
}
