import ExcelJS from 'exceljs';
import { DomainValidationError } from '@lw/domain';

/** A spreadsheet as text cells: the header row and the data rows (blank rows dropped). */
export async function readSheet(bytes: Buffer, fileName: string): Promise<{ header: string[]; rows: string[][] }> {
  let table: string[][];
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as never);
    } catch {
      throw new DomainValidationError('import.unreadable', `无法读取“${fileName}”，请确认是 Excel（.xlsx）文件`, 'xlsx unreadable');
    }
    const ws = wb.worksheets[0];
    table = [];
    // columnCount scans the sheet each time it is read: once, outside the loop.
    const columns = ws?.columnCount ?? 0;
    ws?.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c).value));
      table.push(cells);
    });
  } else if (/\.csv$/i.test(fileName)) {
    table = parseCsv(decode(bytes));
  } else {
    throw new DomainValidationError('import.type', '只接受 Excel（.xlsx）或 CSV 文件', `unsupported file ${fileName}`);
  }
  table = table.filter((r) => r.some((c) => c.trim() !== ''));
  if (table.length < 2) throw new DomainValidationError('import.empty', `“${fileName}”没有数据行`, 'no data rows');
  return { header: table[0].map((h) => h.trim()), rows: table.slice(1) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as GBK, as Excel on Chinese Windows saves CSV. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: quoted fields with commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
