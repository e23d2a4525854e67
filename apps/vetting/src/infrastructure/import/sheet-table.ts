import { unreadable } from './import-errors';

/** A spreadsheet as text: the header, and the rows below it (rows[i] is spreadsheet row headerRow + 1 + i). */
export interface SheetTable {
  header: string[];
  rows: string[][];
  /** 1-based row of the header: title rows above it ("××镇村两委干部花名册") are skipped. */
  headerRow: number;
  format: 'xlsx' | 'csv';
  /** How a CSV was decoded; null for xlsx. */
  encoding: string | null;
}

const isBlank = (r: readonly string[]) => r.every((c) => !c.trim());

/** Default header test: at least two different texts (a title merged over the table repeats one). */
export function hasTwoTexts(cells: readonly string[]): boolean {
  return new Set(cells.filter((c) => c)).size >= 2;
}

/**
 * The header is the first of the top 20 rows that `isHeader` accepts; rows above it are titles.
 * Trailing blank rows are dropped; blank rows inside stay (as empty cells) so that row numbers
 * keep matching the file.
 */
export function toSheetTable(
  table: string[][],
  fileName: string,
  format: SheetTable['format'],
  encoding: string | null,
  isHeader: (cells: readonly string[]) => boolean = hasTwoTexts,
): SheetTable {
  const cells = table.map((r) => r.map((c) => c.trim()));
  while (cells.length && isBlank(cells[cells.length - 1])) cells.pop();
  if (!cells.length) throw unreadable('empty', `“${fileName}”是空的，没有任何内容`, 'no content');
  const at = cells.findIndex((r, i) => i < 20 && isHeader(r));
  if (at < 0) throw unreadable('no_header', `“${fileName}”前 20 行中找不到表头`, 'no header row in the first 20 rows');
  const header = cells[at];
  const rows = cells.slice(at + 1).map((r) => (r.length >= header.length ? r : [...r, ...Array<string>(header.length - r.length).fill('')]));
  if (!rows.length) throw unreadable('no_rows', `“${fileName}”只有表头，没有数据行`, 'header only');
  return { header, rows, headerRow: at + 1, format, encoding };
}
