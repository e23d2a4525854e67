import { migrate } from '@lw/db';
import { DomainValidationError, type Actor, type LocalDate } from '@lw/domain';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
// Test-only dependency on the shared test harness (real PostgreSQL).
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import type { Pool } from 'pg';
import { calendarMigrations } from './calendar.migrations';
import { CalendarStore } from './calendar-store';
import { isInstallationRoot } from './installation-root';

const admin: Actor = { userId: 'admin-1', roles: ['admin'], node: '320724' };
const arrangement = (source: string, holiday: string) => ({
  year: 2027,
  source,
  holidays: [{ date: holiday, name: '国庆节' }],
  makeUpWorkdays: [],
});

describe('CalendarStore versions (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('calendar_versions');
    pool = db.pool('platform', 4);
    await migrate(pool, 'platform', calendarMigrations);
  });

  afterAll(() => db.drop());

  it('keeps every version of a year with who, when and why; a change needs a reason', async () => {
    const store = new CalendarStore(pool);
    await store.loadYear(arrangement('国办发明电〔2026〕1号', '2027-10-01'), admin);
    expect(store.calendar().isWorkingDay('2027-10-01' as LocalDate)).toBe(false);
    await expect(store.loadYear(arrangement('国办发明电〔2026〕2号', '2027-10-08'), admin)).rejects.toBeInstanceOf(DomainValidationError);
    await expect(store.loadYear(arrangement('国办发明电〔2026〕2号', '2027-10-08'), admin, '  ')).rejects.toBeInstanceOf(DomainValidationError);
    await store.loadYear(arrangement('国办发明电〔2026〕2号', '2027-10-08'), { ...admin, userId: 'admin-2' }, '通知更正');
    expect(store.calendar().isWorkingDay('2027-10-01' as LocalDate)).toBe(true);
    expect(store.calendar().isWorkingDay('2027-10-08' as LocalDate)).toBe(false);
    const versions = await store.versions(2027);
    expect(versions).toEqual([
      expect.objectContaining({ version: 1, source: '国办发明电〔2026〕1号', reason: '首次载入：国办发明电〔2026〕1号', loadedBy: 'admin-1' }),
      expect.objectContaining({ version: 2, source: '国办发明电〔2026〕2号', reason: '通知更正', loadedBy: 'admin-2' }),
    ]);
    expect(versions[0].arrangement.holidays).toEqual([{ date: '2027-10-01', name: '国庆节' }]);
    expect(await store.loadedYears()).toEqual([expect.objectContaining({ year: 2027, version: 2 })]);
    // The history is evidence: not rewritten.
    await expect(pool.query('UPDATE calendar_year_versions SET reason = $1', ['x'])).rejects.toThrow('append-only');
    await expect(pool.query('DELETE FROM calendar_year_versions')).rejects.toThrow('append-only');
  });

  it('numbers concurrent loads without clashes', async () => {
    const store = new CalendarStore(pool);
    const base = { ...arrangement('通知', '2028-10-02'), year: 2028 };
    await Promise.all([1, 2, 3].map((i) => store.loadYear(base, admin, `第 ${i} 次`)));
    expect((await store.versions(2028)).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});

describe('isInstallationRoot', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('calendar_root');
    const pool = db.pool('hierarchy', 2);
    await migrate(pool, 'hierarchy', hierarchyMigrations);
    await importDivisions(pool, { scope: '320724', validFrom: '2023-06-30' });
  }, 60_000);

  afterAll(() => db.drop());

  it('is the deployment scope, not its townships nor the ancestors loaded for breadcrumbs', async () => {
    const hierarchy = await Hierarchy.load(db.pool('hierarchy', 2), { scope: '320724' });
    const township = hierarchy.children('320724')[0].code;
    expect(isInstallationRoot(hierarchy, '320724')).toBe(true);
    expect(isInstallationRoot(hierarchy, township)).toBe(false);
    expect(isInstallationRoot(hierarchy, '32')).toBe(false);
    expect(isInstallationRoot(hierarchy, '999999')).toBe(false);
  });

  it('without a scope, is a node with no parent in the imported tree', async () => {
    const hierarchy = await Hierarchy.load(db.pool('hierarchy', 2));
    expect(isInstallationRoot(hierarchy, '32')).toBe(true);
    expect(isInstallationRoot(hierarchy, '320724')).toBe(false);
  });
});
