import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { grievanceMigrations } from '../grievance.migrations';
import { CaseQueries } from './case-queries';
import { GRIEVANCE_READ_MODELS } from './grievance-read-models';

// The figures of a period (GET /grievance/ledger/statistics?from&to): opened, closed of those,
// closed in the period, overdue at its end, read from ledger rows with Shanghai day boundaries.
describe('case queries: period statistics (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let readModels: DataSource;
  let queries: CaseQueries;

  beforeAll(async () => {
    db = await createTestDatabase('grievance_period');
    pool = db.pool('grievance');
    await migrate(pool, 'grievance', ServiceKernel.migrationsFor(grievanceMigrations));
    readModels = await readModelSource(pool, GRIEVANCE_READ_MODELS);
    queries = new CaseQueries(readModels, (code) => `名称${code}`);
    let n = 0;
    const row = async (village: string, openedAt: string, endsAt: string, closedAt: string | null) => {
      n += 1;
      await pool.query(
        `INSERT INTO case_ledger (case_id, version, status, village_code, township_code, source_kind, category, severity, description, measures, responsible_unit,
                                  deadline_start, deadline_due, deadline_ends_at, yellow_at, beyond_horizon, closed_at, opened_at)
         VALUES ($1, 1, $2, $3, left($3, 9), 'inspection', '村务公开', 'general', '描述', '措施', '镇党委', '2026-01-01', '2026-01-31', $4, $4, false, $5, $6)`,
        [`00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, closedAt ? 'closed' : 'in_progress', village, endsAt, closedAt, openedAt],
      );
    };
    const A = '320724101201';
    const B = '320724102201';
    // March 2026 (Shanghai): 03-01 00:00 +08 = 02-28T16:00Z; 04-01 00:00 +08 = 03-31T16:00Z.
    await row(A, '2026-02-28T16:00:00Z', '2026-03-10T16:00:00Z', '2026-03-05T02:00:00Z'); // opened and closed in March
    await row(A, '2026-03-31T15:59:00Z', '2026-05-01T16:00:00Z', '2026-04-02T02:00:00Z'); // opened in March, closed in April
    await row(A, '2026-02-10T02:00:00Z', '2026-03-20T16:00:00Z', null); // opened in February, overdue at the end of March
    await row(A, '2026-02-10T02:00:00Z', '2026-02-20T16:00:00Z', '2026-03-15T02:00:00Z'); // February's, closed in March
    await row(B, '2026-03-31T16:00:00Z', '2026-04-05T16:00:00Z', null); // opened 04-01 Shanghai: not March
    await row(B, '2026-03-02T02:00:00Z', '2026-03-30T16:00:00Z', null); // opened in March, overdue at its end
  }, 60_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  it('counts the cases opened in the period, those closed by its end, those closed in it and those overdue at its end', async () => {
    const march = await queries.periodStatistics('320724', 'county', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.total).toMatchObject({ total: 3, closed: 1, open: 2, closedInPeriod: 2, overdue: 2, closureRate: 33.3 });
    const byTownship = await queries.periodStatistics('320724', 'township', { from: '2026-03-01', to: '2026-03-31' });
    expect(byTownship.rows.map((r) => [r.code, r.total, r.closed, r.closedInPeriod, r.overdue])).toEqual([
      ['320724101', 2, 1, 2, 1],
      ['320724102', 1, 0, 0, 1],
    ]);
    const february = await queries.periodStatistics('320724101', 'township', { from: '2026-02-01', to: '2026-02-28' });
    // Feb: two opened, none closed by 02-28; the one due 02-20 was overdue at the end of February.
    expect(february.total).toMatchObject({ total: 2, closed: 0, closedInPeriod: 0, overdue: 1, closureRate: 0 });
    const empty = await queries.periodStatistics('320724', 'county', { from: '2025-01-01', to: '2025-01-31' });
    expect(empty.total).toMatchObject({ total: 0, closed: 0, overdue: 0, closureRate: null });
  });
});
