import { Pool } from 'pg';
import { migrate } from '@lw/db';
import { DomainNotFoundError } from '@lw/domain';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { Hierarchy } from './hierarchy';
import { hierarchyMigrations } from './hierarchy.migrations';
import { importDivisions } from './import-divisions';
import { Jurisdiction } from './jurisdiction';
import { recordSuccession } from './record-succession';

const COUNTY = '320724'; // 灌南县
const TOWN = '320724100'; // 新安镇
const VILLAGE = '320724100223'; // 大庙村委会
const MERGED = '320724100222'; // 小庙村委会, merged into 大庙 below
const OTHER_TOWN = '320724101'; // 堆沟港镇
const FAR = '320724101200'; // 堆沟村委会
const UNKNOWN = '320724100999';

const county = { node: COUNTY };
const town = { node: TOWN };
const village = { node: VILLAGE };
const otherTown = { node: OTHER_TOWN };

describe('Jurisdiction: the one definition of a user\'s area, over the division tree in PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let hierarchy: Hierarchy;
  let j: Jurisdiction;

  beforeAll(async () => {
    db = await createTestDatabase('hier_jurisdiction');
    pool = db.pool('hierarchy', 3);
    await migrate(pool, 'hierarchy', hierarchyMigrations);
    await importDivisions(pool, { scope: COUNTY, validFrom: '2023-06-30', dataYear: 2023 });
    await recordSuccession(pool, { from: [MERGED, VILLAGE], to: [VILLAGE], kind: 'merge', effective: '2024-03-01' });
    hierarchy = await Hierarchy.load(pool, { scope: COUNTY });
    j = new Jurisdiction(hierarchy);
  });
  afterAll(() => db.drop());

  it('is rooted at the deployment\'s scope, in its canonical code', () => {
    expect(j.root).toBe(COUNTY);
    expect(new Jurisdiction(hierarchy, '320724000000').root).toBe(COUNTY);
    expect(new Jurisdiction(hierarchy, TOWN).root).toBe(TOWN);
  });

  it('covers the actor\'s own node and what the tree puts below it, nothing beside or above it', () => {
    for (const code of [COUNTY, TOWN, VILLAGE, OTHER_TOWN, FAR]) expect(j.covers(county, code)).toBe(true);
    expect(j.covers(town, TOWN)).toBe(true);
    expect(j.covers(town, VILLAGE)).toBe(true);
    expect(j.covers(town, FAR)).toBe(false);
    expect(j.covers(town, OTHER_TOWN)).toBe(false);
    expect(j.covers(town, COUNTY)).toBe(false);
    expect(j.covers(village, VILLAGE)).toBe(true);
    expect(j.covers(village, TOWN)).toBe(false);
    expect(j.covers(otherTown, VILLAGE)).toBe(false);
  });

  it('reads padded 12-digit codes as the node they pad, on either side', () => {
    expect(j.covers({ node: '320724100000' }, VILLAGE)).toBe(true);
    expect(j.covers(town, '320724100000')).toBe(true);
    expect(j.covers({ node: '320724000000' }, FAR)).toBe(true);
    expect(j.covers(otherTown, '320724100000')).toBe(false);
  });

  it('covers no code the tree does not know, not even for the county', () => {
    expect(j.covers(county, UNKNOWN)).toBe(false);
    expect(j.covers(county, '3207241')).toBe(false);
    expect(j.covers({ node: UNKNOWN }, UNKNOWN)).toBe(false);
  });

  it('keeps a merged village inside the township it belonged to (records filed under it stay visible there)', () => {
    expect(hierarchy.get(MERGED)?.validTo).toBe('2024-03-01');
    expect(j.covers(town, MERGED)).toBe(true);
    expect(j.covers(county, MERGED)).toBe(true);
    expect(j.covers(otherTown, MERGED)).toBe(false);
    // The village that absorbed it is its successor, not its ancestor.
    expect(j.covers(village, MERGED)).toBe(false);
  });

  it('places a record without a village (null) at the root: only users at the root or above see it', () => {
    expect(j.covers(county, null)).toBe(true);
    expect(j.covers(town, null)).toBe(false);
    expect(j.covers(village, null)).toBe(false);
    const townDeployment = new Jurisdiction(hierarchy, TOWN);
    expect(townDeployment.covers(town, null)).toBe(true);
    expect(townDeployment.covers(village, null)).toBe(false);
  });

  it('answers like the tree-backed scope checker the hosts give the auth guard (Hierarchy.isInside)', () => {
    const codes = [COUNTY, TOWN, VILLAGE, MERGED, OTHER_TOWN, FAR, UNKNOWN, '320724100000'];
    for (const node of codes) for (const code of codes) expect([node, code, j.covers({ node }, code)]).toEqual([node, code, hierarchy.isInside(code, node)]);
  });

  it('require passes inside the area and refuses outside it with the one 404 refusal', () => {
    expect(() => j.require(town, VILLAGE, '该村')).not.toThrow();
    expect(() => j.require(county, null)).not.toThrow();
    const refusal = (act: () => void) => {
      try {
        act();
      } catch (err) {
        return err;
      }
      throw new Error('should have refused');
    };
    const outside = refusal(() => j.require(otherTown, VILLAGE, '该村'));
    expect(outside).toBeInstanceOf(DomainNotFoundError);
    expect(outside).toMatchObject({ code: 'scope.outside', messageZh: '该村不存在或不在您的管辖范围内' });
    // Missing reads the same as outside; without `what` the record is 该记录.
    expect(refusal(() => j.require(county, UNKNOWN, '该村'))).toMatchObject({ code: 'scope.outside', messageZh: '该村不存在或不在您的管辖范围内' });
    expect(refusal(() => j.require(town, null))).toMatchObject({ code: 'scope.outside', messageZh: '该记录不存在或不在您的管辖范围内' });
  });

  it('currentVillage: a village that exists today inside the deployment, else null', () => {
    expect(j.currentVillage(VILLAGE)).toMatchObject({ code: VILLAGE, name: '大庙村委会', level: 'village', validTo: null });
    expect(j.currentVillage(MERGED)).toBeNull();
    expect(j.currentVillage(TOWN)).toBeNull();
    expect(j.currentVillage(UNKNOWN)).toBeNull();
    const townDeployment = new Jurisdiction(hierarchy, TOWN);
    expect(townDeployment.currentVillage(VILLAGE)?.code).toBe(VILLAGE);
    expect(townDeployment.currentVillage(FAR)).toBeNull();
  });

  it('townshipOf: the township above a village, merged ones included; null above township level', () => {
    expect(j.townshipOf(VILLAGE)).toMatchObject({ code: TOWN, name: '新安镇', level: 'township' });
    expect(j.townshipOf(MERGED)?.code).toBe(TOWN);
    expect(j.townshipOf(FAR)?.code).toBe(OTHER_TOWN);
    expect(j.townshipOf(TOWN)).toBeNull();
    expect(j.townshipOf(COUNTY)).toBeNull();
    expect(j.townshipOf(UNKNOWN)).toBeNull();
  });
});
