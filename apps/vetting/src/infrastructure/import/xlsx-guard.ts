import JSZip from 'jszip';
import type { SheetLimits } from './import-limits';
import { inflateEntries, ZipRefused, type ZipRefusal } from './zip-entries';

/** What in an xlsx is past the bounds, for the clerk's message. */
export type XlsxRefusal =
  | ZipRefusal
  | { kind: 'rows' | 'columns' | 'cells' | 'merges' | 'validations' | 'defined_names'; detail: string };

export class XlsxRefused extends Error {
  constructor(readonly refusal: XlsxRefusal) {
    super(refusal.detail);
  }
}

const refuse = (kind: XlsxRefusal['kind'], detail: string): never => {
  throw new XlsxRefused({ kind, detail } as XlsxRefusal);
};

/** An attribute value as the XML parser will read it: character references and the five predefined entities decoded. */
function xmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1], xmlText(m[2] ?? m[3] ?? ''));
  return out;
}

/** Column letters → number (A = 1); anything past three letters counts as too far. */
function columnOf(letters: string): number {
  if (letters.length > 3) return Number.MAX_SAFE_INTEGER;
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** A cell reference ("B12", "$B$12"): row and column (0 where the reference leaves one out). */
function cellRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]*)\$?(\d*)$/.exec(ref.trim());
  if (!m) return { row: 0, col: 0 };
  return { col: m[1] ? columnOf(m[1]) : 0, row: m[2] ? (m[2].length > 9 ? Number.MAX_SAFE_INTEGER : Number(m[2])) : 0 };
}

/** The cells a range ("A1:C3", or one cell) covers, as the reader would walk them. */
function areaOf(range: string): { cells: number; bottom: number; right: number } {
  const [a, b = a] = range.split(':');
  const tl = cellRef(a.replace(/^.*!/, ''));
  const br = cellRef(b.replace(/^.*!/, ''));
  const rows = Math.abs(br.row - tl.row) + 1;
  const cols = Math.abs(br.col - tl.col) + 1;
  return { cells: rows * cols, bottom: Math.max(tl.row, br.row), right: Math.max(tl.col, br.col) };
}

const DATA_VALIDATIONS = /<dataValidations(?=[\s/>])(?:[^>]*\/>|[\s\S]*?<\/dataValidations>)/g;

/**
 * Checks one workbook's bytes against `limits` before any spreadsheet library parses it: the zip
 * (entries, sizes, ratio: inflateEntries), then what the XML declares and the reader would build or
 * walk cell by cell: rows and cells and their numbers, merged areas, column definitions and defined
 * names. No DOCTYPE (no entity may expand). Rejects with XlsxRefused.
 *
 * Returns the bytes to parse: the file itself, or, when its data validations (下拉列表, often set on
 * whole columns by a template, and expanded cell by cell by the reader) cover more than
 * maxValidatedCells, the same parts stored again without them: they constrain typing, not values.
 */
export async function guardXlsx(bytes: Buffer, limits: SheetLimits): Promise<Buffer> {
  let entries: Map<string, Buffer>;
  try {
    entries = inflateEntries(bytes, limits);
  } catch (e) {
    if (e instanceof ZipRefused) throw new XlsxRefused(e.refusal);
    throw e;
  }
  let cells = 0;
  let validated = 0;
  let named = 0;
  const withValidations: string[] = [];
  for (const [name, content] of entries) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    const xml = content.toString('utf8');
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) refuse('malformed', `${name} declares a DOCTYPE`);
    let rows = 0;
    let seen = 0;
    // A tag with its attributes as XML writes them (a quoted value may hold '>'), then its text.
    for (const m of xml.matchAll(/<(row|c|mergeCell|col|dataValidation|definedName)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>([^<]*)/g)) {
      const [, tag, rawAttributes, text] = m;
      seen++;
      const a = attributes(rawAttributes);
      switch (tag) {
        case 'row': {
          rows++;
          const r = Number(a.get('r') ?? 0);
          if (rows > limits.maxRows || r > limits.maxRows) refuse('rows', `${name}: row ${a.get('r') ?? rows}`);
          break;
        }
        case 'c': {
          if (++cells > limits.maxCells) refuse('cells', `over ${limits.maxCells} cells`);
          const at = cellRef(a.get('r') ?? '');
          if (at.row > limits.maxRows) refuse('rows', `${name}: cell ${a.get('r')}`);
          if (at.col > limits.maxColumns) refuse('columns', `${name}: cell ${a.get('r')}`);
          break;
        }
        case 'mergeCell': {
          const area = areaOf(a.get('ref') ?? '');
          cells += area.cells;
          if (area.bottom > limits.maxRows || area.right > limits.maxColumns || cells > limits.maxCells) refuse('merges', `${name}: merge ${a.get('ref')}`);
          break;
        }
        case 'col': {
          const min = Number(a.get('min') ?? 0);
          const max = Number(a.get('max') ?? 0);
          if (!(min <= limits.maxColumnDefinition && max <= limits.maxColumnDefinition)) refuse('columns', `${name}: col ${min}:${max}`);
          break;
        }
        case 'dataValidation':
          if (withValidations[withValidations.length - 1] !== name) withValidations.push(name);
          for (const range of (a.get('sqref') ?? '').split(/\s+/).filter(Boolean)) validated = Math.min(validated + areaOf(range).cells, Number.MAX_SAFE_INTEGER);
          break;
        case 'definedName':
          // Print areas, filters …: the reader walks every cell of every range named.
          for (const r of xmlText(text).matchAll(/\$?[A-Z]{0,4}\$?\d+(?::\$?[A-Z]{0,4}\$?\d+)?/g)) {
            named += areaOf(r[0]).cells;
            if (named > limits.maxCells) refuse('defined_names', `${name}: defined names cover over ${limits.maxCells} cells`);
          }
          break;
      }
    }
    // Every such tag must have been read above: one written some other way is not let through unread.
    if ((xml.match(/<(row|c|mergeCell|col|dataValidation|definedName)[\s/>]/g) ?? []).length !== seen) refuse('malformed', `${name}: a tag not read`);
  }
  if (validated <= limits.maxValidatedCells) return bytes;
  for (const name of withValidations) {
    const stripped = entries.get(name)!.toString('utf8').replace(DATA_VALIDATIONS, '');
    if (/<dataValidation[\s/>]/.test(stripped)) refuse('validations', `${name}: data validations outside their list`);
    entries.set(name, Buffer.from(stripped, 'utf8'));
  }
  return storedZip(entries);
}

/** The parts zipped again, stored (not compressed: they were inflated within the bounds already). */
function storedZip(entries: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data, { createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
