import { unreadable } from './import-errors';

/**
 * Text of a CSV file. BOMs decide first (UTF-8, and UTF-16 as Excel's "Unicode 文本" saves);
 * otherwise strict UTF-8, and a file that is not valid UTF-8 is read as GB18030 (a superset of
 * GBK), which is what Excel on Chinese Windows writes for "CSV (逗号分隔)".
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}

/** The separator of the first line that has one: comma, tab (Unicode text) or semicolon, outside quotes. */
function separatorOf(text: string): string {
  for (const line of text.split(/\r\n|\r|\n/, 20)) {
    const bare = line.replace(/"[^"]*"/g, '');
    const counts = [',', '\t', ';'].map((s) => [s, bare.split(s).length - 1] as const).sort((a, b) => b[1] - a[1]);
    if (counts[0][1] > 0) return counts[0][0];
  }
  return ',';
}

/**
 * RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks, so a record
 * is what Excel shows as one row. A final line break does not make an empty record.
 */
export function parseCsv(text: string): string[][] {
  const sep = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStartRow = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteStartRow = rows.length + 1;
    } else if (ch === sep) {
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
  if (quoted) throw unreadable('csv_quote', `CSV 第 ${quoteStartRow} 行的引号没有闭合，请检查该行`, `unclosed quote from record ${quoteStartRow}`);
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
