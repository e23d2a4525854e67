import { DIVISION_CODE_LENGTHS } from '@lw/domain';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createInterface } from 'readline';
import { Readable } from 'stream';
import { OPEN_END } from './division-dates';
import { DIVISION_LEVELS, Succession, SuccessionKind, VillageKind } from './division-types';

export const KINDS: ReadonlyArray<VillageKind | null> = [null, 'community', 'village', 'other'];

/**
 * The whole tree as parallel columns: one slot per version, typed arrays for the numbers, so the
 * country (≈665k versions) costs a few tens of MB and no object per node. Versions of one code are
 * consecutive, oldest first; `head` maps each code to its newest version, and `parent` points at
 * the parent code's newest version (a code's parent never changes, see division-code.ts).
 */
export interface Snapshot {
  size: number;
  code: string[];
  name: string[];
  /** Characters of name that form the short name (always a prefix). */
  shortLen: Uint16Array;
  initials: string[];
  shortInitialsLen: Uint16Array;
  level: Uint8Array;
  villageKind: Uint8Array;
  nameKind: Uint8Array;
  parent: Int32Array;
  prev: Int32Array;
  /** Days since 1970-01-01; validTo is OPEN_END while current. */
  validFrom: Int32Array;
  validTo: Int32Array;
  dataYear: Uint16Array;
  head: Map<string, number>;
  /** Newest version of every code, in (level, code) order. */
  heads: Int32Array;
  successions: Succession[];
  /** Built on first use: children of version i (heads only) are childList[childStart[i] .. childStart[i+1]). */
  childStart?: Int32Array;
  childList?: Int32Array;
}

const LEVEL_INDEX = new Map(DIVISION_LEVELS.map((l, i) => [l as string, i]));
const KIND_INDEX = new Map<string, number>([['\\N', 0], ['community', 1], ['village', 2], ['other', 3]]);

/** Reads divisions (all, or one scope's subtree with its ancestors) through COPY TO, row by row. */
export async function loadSnapshot(pool: Pool, scope: string | undefined): Promise<Snapshot> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const filter = scope ? `WHERE code LIKE '${scope}%' OR '${scope}' LIKE code || '%'` : '';
    const count = Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM divisions ${filter}`)).rows[0].n,
    );
    const s = emptySnapshot(count);
    const stream: Readable = client.query(
      copyTo(`COPY (SELECT code, name, length(short_name), initials, length(short_initials), level, village_kind, name_kind,
                          valid_from - date '1970-01-01', coalesce(valid_to - date '1970-01-01', ${OPEN_END}), data_year
                     FROM divisions ${filter} ORDER BY length(code), code, valid_from) TO STDOUT`),
    );
    let i = 0;
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (i >= count) throw new Error('divisions changed while loading');
      addRow(s, i++, line.split('\t'));
    }
    s.size = i;
    const successions = await client.query<{ from_code: string; to_code: string; kind: SuccessionKind; effective: string }>(
      `SELECT from_code, to_code, kind, to_char(effective, 'YYYY-MM-DD') AS effective FROM successions ORDER BY effective, from_code, to_code`,
    );
    await client.query('COMMIT');
    s.successions = successions.rows.map((r) => ({ fromCode: r.from_code, toCode: r.to_code, kind: r.kind, effective: r.effective }));
    const heads: number[] = [];
    for (let v = 0; v < s.size; v++) if (s.head.get(s.code[v]) === v) heads.push(v);
    s.heads = Int32Array.from(heads);
    return s;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function emptySnapshot(n: number): Snapshot {
  return {
    size: 0,
    code: new Array<string>(n),
    name: new Array<string>(n),
    shortLen: new Uint16Array(n),
    initials: new Array<string>(n),
    shortInitialsLen: new Uint16Array(n),
    level: new Uint8Array(n),
    villageKind: new Uint8Array(n),
    nameKind: new Uint8Array(n),
    parent: new Int32Array(n),
    prev: new Int32Array(n),
    validFrom: new Int32Array(n),
    validTo: new Int32Array(n),
    dataYear: new Uint16Array(n),
    head: new Map(),
    heads: new Int32Array(0),
    successions: [],
  };
}

function addRow(s: Snapshot, i: number, f: string[]): void {
  const code = f[0];
  s.code[i] = code;
  s.name[i] = unescapeCopy(f[1]);
  s.shortLen[i] = Number(f[2]);
  s.initials[i] = f[3];
  s.shortInitialsLen[i] = Number(f[4]);
  const level = LEVEL_INDEX.get(f[5]) ?? 0;
  s.level[i] = level;
  s.villageKind[i] = KIND_INDEX.get(f[6]) ?? 0;
  s.nameKind[i] = KIND_INDEX.get(f[7]) ?? 0;
  s.validFrom[i] = Number(f[8]);
  s.validTo[i] = Number(f[9]);
  s.dataYear[i] = Number(f[10]);
  const older = s.head.get(code);
  s.prev[i] = older ?? -1;
  s.head.set(code, i);
  // Parents sort before children (shorter codes first), so the parent's newest version is known.
  s.parent[i] = level === 0 ? -1 : (s.head.get(code.slice(0, DIVISION_CODE_LENGTHS[level - 1])) ?? -1);
}

/** COPY text format escapes backslash, tab and line breaks. */
function unescapeCopy(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** Children lists for every code, built once per snapshot on the first children/descendants call. */
export function ensureChildren(s: Snapshot): { childStart: Int32Array; childList: Int32Array } {
  if (s.childStart && s.childList) return { childStart: s.childStart, childList: s.childList };
  const counts = new Int32Array(s.size + 1);
  for (const h of s.heads) if (s.parent[h] >= 0) counts[s.parent[h] + 1]++;
  for (let i = 0; i < s.size; i++) counts[i + 1] += counts[i];
  const childList = new Int32Array(counts[s.size]);
  const fill = counts.slice(0, s.size);
  // heads are in code order, so every list comes out sorted by code
  for (const h of s.heads) if (s.parent[h] >= 0) childList[fill[s.parent[h]]++] = h;
  s.childStart = counts;
  s.childList = childList;
  return { childStart: counts, childList };
}
