import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { DEFAULT_AUDIT_POLICY } from '../../domain/engagement';
import { auditingMigrations } from '../auditing.migrations';
import { AuditingQueries } from './auditing-queries';
import { AUDITING_READ_MODELS } from './auditing-read-models';

// GET /auditing/summary?node&from&to: findings recorded in the period, engagements concluded and
// published in it, narrowed to a township, with Shanghai day boundaries.
describe('auditing queries: summary of a period (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let readModels: DataSource;
  let queries: AuditingQueries;

  beforeAll(async () => {
    db = await createTestDatabase('auditing_period');
    pool = db.pool('auditing');
    await migrate(pool, 'auditing', ServiceKernel.migrationsFor(auditingMigrations));
    readModels = await readModelSource(pool, AUDITING_READ_MODELS);
    queries = new AuditingQueries(readModels, DEFAULT_AUDIT_POLICY, (c) => c);
    const engagement = (id: string, village: string, status: string, planned: string, concluded: string | null, published: string | null) =>
      pool.query(
        `INSERT INTO engagements (engagement_id, version, kind, village_code, election_id, status, persons, auditors, period_from, period_to, planned_at, concluded_at, published_at)
         VALUES ($1, 1, 'outgoing', $2, 'e1', $3, '[]', '[]', '2021-01-01', '2025-12-31', $4, $5, $6)`,
        [id, village, status, planned, concluded, published],
      );
    const finding = (id: string, engagement: string, village: string, severity: string, fen: number, recorded: string) =>
      pool.query(
        `INSERT INTO findings (finding_id, engagement_id, seq, village_code, election_id, category, severity, amount_fen, description, responsible_persons,
                               rectification_required, violation_suspected, transferred, recorded_at)
         VALUES ($1, $2, 1, $3, 'e1', 'unreceipted_voucher', $4, $5, '白条', '[]', true, false, false, $6)`,
        [id, engagement, village, severity, fen, recorded],
      );
    await engagement('a', '320724101201', 'published', '2026-01-05T02:00:00Z', '2026-03-02T02:00:00Z', '2026-03-31T15:00:00Z');
    await engagement('b', '320724102201', 'concluded', '2026-01-05T02:00:00Z', '2026-02-27T02:00:00Z', null);
    await finding('a1', 'a', '320724101201', 'serious', 1_200_010, '2026-02-28T16:00:00Z'); // 03-01 00:00 Shanghai
    await finding('a2', 'a', '320724101201', 'general', 5_000, '2026-02-28T15:59:00Z'); // 02-28 Shanghai
    await finding('b1', 'b', '320724102201', 'general', 30, '2026-03-10T02:00:00Z');
  }, 60_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  it('counts findings recorded and engagements concluded and published in the period, inside a node', async () => {
    const march = await queries.summary({ scope: '320724', period: { from: '2026-03-01', to: '2026-03-31' } });
    expect(march).toMatchObject({ findings: 2, serious: 1, total: '12000.40', engagements: { planned: 0, concluded: 1, published: 1 } });
    const township = await queries.summary({ scope: '320724', node: '320724101', period: { from: '2026-03-01', to: '2026-03-31' } });
    expect(township).toMatchObject({ findings: 1, serious: 1, total: '12000.10', engagements: { planned: 0, concluded: 1, published: 1 } });
    const february = await queries.summary({ scope: '320724', period: { from: '2026-02-01', to: '2026-02-28' } });
    expect(february).toMatchObject({ findings: 1, total: '50.00', engagements: { planned: 0, concluded: 1, published: 0 } });
    // A node outside the scope reads nothing.
    expect(await queries.summary({ scope: '320724101', node: '320724102' })).toMatchObject({ findings: 0, engagements: { planned: 0 } });
    // Without a period: everything, engagements by status.
    expect(await queries.summary({ scope: '320724' })).toMatchObject({ findings: 3, engagements: { planned: 2, concluded: 2, published: 1 } });
  });
});
