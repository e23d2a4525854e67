import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';

/** A file an attacker uploads in place of the one a form expects. */
export interface SpoiledFile {
  label: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** Cell values that broke storage and exports before (L1, L2): NUL, control characters, lone surrogates, formulas. */
const BAD_CELLS = ['\u0000', '甄\u0000攻防', '\u0001\u0002\u0007\u001b[31m\u001f\u007f', 'a\r\nb\tc\v\f', '\ud800', '\u202e\u200b\ufeff', '=HYPERLINK("http://x")', '"', '中'.repeat(5000)];

/** Above every upload limit of the product (evidence 20 MiB, roster sheets less). */
const HUGE_BYTES = 21 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function rename(name: string, ext: string): string {
  return /\.[^.]+$/.test(name) ? name.replace(/\.[^.]+$/, ext) : `${name}${ext}`;
}

/** The seed file's rows as CSV cells (a text file is one column per line). */
function rowsOf(seedText: string): string[][] {
  return seedText.split(/\r?\n/).map((line) => line.split(','));
}

/** The rows with one cell (of a data row when there is one) replaced by `bad`. */
function withBadCell(rows: string[][], row: number, col: number, bad: string): string[][] {
  const r = rows.length > 1 ? 1 + (row % (rows.length - 1)) : 0;
  return rows.map((cells, i) => (i === r ? cells.map((c, j) => (j === col % cells.length ? bad : c)) : cells));
}

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid-looking xlsx whose zip entries declare 4 GiB uncompressed (local header and central directory). */
async function zipDeclaringHugeSize(rows: string[][]): Promise<Buffer> {
  const bytes = Buffer.from(await xlsxOf(rows));
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x04034b50 && i + 26 <= bytes.length) bytes.writeUInt32LE(0xfffffff0, i + 22);
    if (sig === 0x02014b50 && i + 28 <= bytes.length) bytes.writeUInt32LE(0xfffffff0, i + 24);
  }
  return bytes;
}

/**
 * Spoiled contents for a form's file field, built from the seed file: a CSV and an xlsx with each bad
 * cell, a zip that is no xlsx (named .xlsx and .docx), an empty file, one above every size limit, an
 * xlsx declaring a huge uncompressed size, and random bytes under the seed's own name. Every kind, so
 * a suite can send them all (and a property can pick among them).
 */
export async function spoiledFiles(seedName: string, seedText: string): Promise<SpoiledFile[]> {
  const rows = rowsOf(seedText);
  const out: SpoiledFile[] = [];
  BAD_CELLS.forEach((bad, i) => {
    const spoiled = withBadCell(rows, i, 1, bad);
    out.push({ label: `CSV with ${JSON.stringify(bad.slice(0, 20))} in a cell`, name: rename(seedName, '.csv'), type: 'text/csv', bytes: Buffer.from(spoiled.map((x) => x.join(',')).join('\n'), 'utf8') });
  });
  for (const bad of BAD_CELLS) {
    out.push({ label: `xlsx with ${JSON.stringify(bad.slice(0, 20))} in a cell`, name: rename(seedName, '.xlsx'), type: XLSX_TYPE, bytes: await xlsxOf(withBadCell(rows, 0, 1, bad)) });
  }
  for (const ext of ['.xlsx', '.docx']) {
    const zip = new JSZip();
    zip.file('hello.txt', 'not an office document');
    out.push({ label: `a zip that is no ${ext}`, name: rename(seedName, ext), type: ext === '.xlsx' ? XLSX_TYPE : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await zip.generateAsync({ type: 'nodebuffer' }) });
  }
  out.push({ label: 'an empty file', name: seedName, type: 'application/octet-stream', bytes: Buffer.alloc(0) });
  out.push({ label: `a file of ${HUGE_BYTES} bytes`, name: seedName, type: 'text/plain', bytes: Buffer.alloc(HUGE_BYTES, 0x61) });
  out.push({ label: 'an xlsx whose entries declare 4 GiB uncompressed', name: rename(seedName, '.xlsx'), type: XLSX_TYPE, bytes: await zipDeclaringHugeSize(rows) });
  out.push({ label: 'random bytes', name: seedName, type: 'application/octet-stream', bytes: Buffer.from(fc.sample(fc.uint8Array({ minLength: 64, maxLength: 2000 }), { numRuns: 1, seed: 7 })[0]) });
  return out;
}
