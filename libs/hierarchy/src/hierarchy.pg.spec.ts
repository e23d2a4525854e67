import { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { Hierarchy } from './hierarchy';
import { hierarchyMigrations } from './hierarchy.migrations';
import { importDivisions } from './import-divisions';
import { subtreeCondition } from './subtree-sql';

const SCHEMA = 'hierarchy';

describe('Hierarchy queries over 江苏 (32) loaded from PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let province: Hierarchy;
  let county: Hierarchy;

  beforeAll(async () => {
    db = await createTestDatabase('hier_query');
    pool = db.pool(SCHEMA, 3);
    await migrate(pool, SCHEMA, hierarchyMigrations);
    await importDivisions(pool, { scope: '32', validFrom: '2023-06-30' });
    // a second province, so that "outside" has real neighbours across a province border too
    await importDivisions(pool, { scope: '3101', validFrom: '2023-06-30' });
    province = await Hierarchy.load(pool);
    county = await Hierarchy.load(pool, { scope: '320724' });
  });
  afterAll(() => db.drop());

  it('loads a scope as its subtree plus ancestors', () => {
    expect(county.size).toBe(1 + 1 + 1 + 11 + 238);
    expect(county.get('32')?.name).toBe('江苏省');
    expect(county.get('320723')).toBeUndefined();
    expect(province.get('320723')?.name).toBe('灌云县');
  });

  it('checks scope by ancestry: inside, itself, siblings, other branches, unknown codes', () => {
    for (const h of [province, county]) {
      expect(h.isInside('320724101200', '320724')).toBe(true);
      expect(h.isInside('320724101200', '320724101')).toBe(true);
      expect(h.isInside('320724101200', '32')).toBe(true);
      expect(h.isInside('320724101', '3207')).toBe(true);
      expect(h.isInside('320724', '320724')).toBe(true);
      expect(h.isInside('320724101200', '320724101200')).toBe(true);
      // ancestors are not inside their descendants
      expect(h.isInside('320724', '320724101')).toBe(false);
      expect(h.isInside('32', '320724')).toBe(false);
      // a code that merely looks like a descendant but does not exist is inside nothing
      expect(h.isInside('320724101999', '320724')).toBe(false);
      expect(h.isInside('320724101200', '320799')).toBe(false);
    }
    // padded 12-digit forms name the same nodes
    expect(province.isInside('320724101200', '320724000000')).toBe(true);
    expect(province.isInside('320724101000', '320700000000')).toBe(true);
    // sibling counties and townships, and another province
    const guanyun = province.children('320723')[0].code;
    expect(province.isInside(guanyun, '320724')).toBe(false);
    expect(province.isInside('320724101200', '320723')).toBe(false);
    expect(province.isInside('320724101200', '320724100')).toBe(false);
    expect(province.isInside('310101', '32')).toBe(false);
    expect(province.isInside('310101', '31')).toBe(true);
  });

  it('walks ancestors, children and descendants', () => {
    expect(province.ancestors('320724101200').map((n) => n.name)).toEqual(['江苏省', '连云港市', '灌南县', '堆沟港镇']);
    expect(province.ancestors('32')).toEqual([]);
    const townships = province.children('320724');
    expect(townships.map((n) => n.name)).toEqual([
      '新安镇', '堆沟港镇', '田楼镇', '北陈集镇', '张店镇', '三口镇', '孟兴庄镇', '汤沟镇', '百禄镇', '新集镇', '李集镇',
    ]);
    expect(townships.every((n) => n.level === 'township' && n.parentCode === '320724')).toBe(true);
    const villages = province.descendants('320724', { level: 'village' });
    expect(villages).toHaveLength(238);
    expect(villages.map((n) => n.code)).toEqual([...villages.map((n) => n.code)].sort());
    expect(province.descendants('320724')).toHaveLength(11 + 238);
    expect(province.descendants('32', { level: 'county' }).map((n) => n.code)).toContain('320724');
    expect(province.descendants('320724101200')).toEqual([]);
    expect(province.children('999999')).toEqual([]);
  });

  it('returns nodes with both code forms, kinds and initials', () => {
    expect(province.get('320724101200')).toEqual({
      code: '320724101200',
      code12: '320724101200',
      name: expect.stringMatching(/村委会$/),
      shortName: expect.stringMatching(/村$/),
      level: 'village',
      parentCode: '320724101',
      villageKind: 'village',
      nameKind: 'village',
      initials: expect.stringMatching(/^[a-z]+cwh$/),
      validFrom: '2023-06-30',
      validTo: null,
      dataYear: 2023,
    });
    expect(province.get('320724000000')?.code).toBe('320724');
  });

  it('searches by name substring, pinyin initials and code, exact hits first', () => {
    expect(province.search('gnx')[0]).toMatchObject({ code: '320724', name: '灌南县' });
    expect(province.search('gn', { level: 'county' })[0].name).toBe('灌南县'); // short-name initials exact
    expect(province.search('新安', { within: '320724' })[0]).toMatchObject({ code: '320724100', name: '新安镇' });
    expect(province.search('xaz', { within: '320724' })[0].name).toBe('新安镇');
    expect(province.search('灌南')[0].name).toBe('灌南县');
    expect(province.search('3207', { limit: 2 }).map((n) => n.code)).toEqual(['3207', '320703']);
    const villages = province.search('村', { within: '320724', limit: 500 });
    expect(villages).toHaveLength(217);
    expect(villages.every((n) => n.code.startsWith('320724'))).toBe(true);
    expect(province.search('村', { limit: 7 })).toHaveLength(7);
    // within filters after matching: 新安 exists across 江苏, but not in 灌南's neighbour 灌云
    expect(province.search('新安', { limit: 500 }).map((n) => n.code)).toContain('320724100');
    const nearby = province.search('新安', { within: '320723', limit: 500 });
    expect(nearby.every((n) => n.code.startsWith('320723'))).toBe(true);
    expect(nearby.map((n) => n.code)).not.toContain('320724100');
    expect(province.search('灌南', { within: '3101' })).toEqual([]);
    expect(province.search('  ')).toEqual([]);
    expect(province.search('新安', { within: '999999' })).toEqual([]);
  });

  it('builds an SQL subtree predicate that selects the same villages', async () => {
    const cond = subtreeCondition('code', '320724000000');
    const { rows } = await pool.query(`SELECT code FROM divisions WHERE level = 'village' AND ${cond.sql} ORDER BY code`, cond.params);
    expect(rows.map((r) => r.code)).toEqual(province.descendants('320724', { level: 'village' }).map((n) => n.code));
    expect(subtreeCondition('t.village_code', '3207', 3).sql).toBe('t.village_code LIKE $3');
    expect(() => subtreeCondition('code; DROP TABLE x', '32')).toThrow('invalid column');
    expect(() => subtreeCondition('code', '32%')).toThrow('区划代码无效');
  });
});
