import { hasForbiddenCharacters } from '@lw/domain';
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
  refuseControlCharacters(cells, at, header, fileName);
  const rows = cells.slice(at + 1).map((r) => (r.length >= header.length ? r : [...r, ...Array<string>(header.length - r.length).fill('')]));
  if (!rows.length) throw unreadable('no_rows', `“${fileName}”只有表头，没有数据行`, 'header only');
  return { header, rows, headerRow: at + 1, format, encoding };
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA. */
function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A cell of the header or a data row holding a control character (NUL …) is refused with the whole
 * file: PostgreSQL cannot store NUL in jsonb and the xlsx we write back could not hold it either.
 * Named by row and column (its header text when it has one), the first few at most.
 */
function refuseControlCharacters(cells: readonly string[][], headerAt: number, header: readonly string[], fileName: string): void {
  const found: string[] = [];
  for (let r = headerAt; r < cells.length && found.length < 5; r++) {
    cells[r].forEach((c, i) => {
      if (found.length < 5 && hasForbiddenCharacters(c)) {
        const name = r > headerAt && header[i] && !hasForbiddenCharacters(header[i]) ? `${columnLetters(i)} 列（${header[i]}）` : `${columnLetters(i)} 列`;
        found.push(`第 ${r + 1} 行 ${name}`);
      }
    });
  }
  if (found.length) {
    throw unreadable('control_character', `“${fileName}”${found.join('、')}含有不可见的控制字符（如 NUL），请删除这些字符后重新导入，本次未导入任何数据`, `forbidden control character at ${found.length} cell(s)`);
  }
}
