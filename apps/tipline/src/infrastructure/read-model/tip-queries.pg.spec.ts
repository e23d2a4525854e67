import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { DEFAULT_TIP_POLICY } from '../../domain';
import { tiplineMigrations } from '../persistence/migrations';
import { TipListRecord } from './tip-list.entity';
import { TipQueries } from './tip-queries';
import { TIPLINE_READ_MODELS } from './tipline-read-models';

// The inbox and the figures read tip_list through TypeORM: subtree by code prefix (tips naming no
// village only at the root), the overdue filter both ways, and the figures by Shanghai month.
describe('tip queries on tip_list (PostgreSQL)', () => {
  const county = { scope: '320724', scopeIsDeploymentRoot: true, viewer: { roles: ['discipline'], unitCode: '320724' } };
  const township = { scope: '320724101', scopeIsDeploymentRoot: false, viewer: { roles: ['discipline'], unitCode: '320724101' } };
  let db: TestDatabase;
  let pool: Pool;
  let readModels: DataSource;
  let queries: TipQueries;

  const tip = (id: string, village: string | null, receivedAt: string, extra: Partial<TipListRecord> = {}): Partial<TipListRecord> => ({
    tipId: `00000000-0000-7000-8000-00000000000${id}`,
    version: 1,
    status: 'received',
    channel: 'web',
    category: DEFAULT_TIP_POLICY.categories[0].code,
    categoryGroup: DEFAULT_TIP_POLICY.categories[0].group,
    villageCode: village,
    townshipCode: village?.slice(0, 9) ?? null,
    subjectsLabel: '张三（主任）',
    anonymous: true,
    electionRelated: false,
    objection: false,
    repeatOf: null,
    repeatCount: 0,
    regime: 'discipline',
    unitCode: null,
    unitName: null,
    finding: null,
    falseAccusation: false,
    receivedAt: new Date(receivedAt),
    acceptedAt: null,
    concludedAt: null,
    closedAt: null,
    concludedWithinLimit: null,
    nextDeadlineKind: null,
    nextDeadlineAt: null,
    nextDeadlineDue: null,
    overdueFlagged: false,
    ...extra,
  });

  beforeAll(async () => {
    db = await createTestDatabase('tip_queries');
    pool = db.pool('tipline', 2);
    await migrate(pool, 'tipline', ServiceKernel.migrationsFor(tiplineMigrations));
    readModels = await readModelSource(pool, TIPLINE_READ_MODELS);
    queries = new TipQueries(readModels, DEFAULT_TIP_POLICY);
    await readModels.getRepository(TipListRecord).insert([
      // 2026-01-31 17:00 UTC is February 1st in Shanghai.
      tip('1', '320724101201', '2026-01-31T17:00:00Z', { nextDeadlineKind: 'acceptance', nextDeadlineAt: new Date('2026-02-15T16:00:00Z'), nextDeadlineDue: '2026-02-15' }),
      tip('2', '320724102201', '2026-01-10T02:00:00Z', { status: 'concluded', concludedAt: new Date('2026-01-20T02:00:00Z'), concludedWithinLimit: true, finding: 'substantiated' }),
      tip('3', null, '2026-01-11T02:00:00Z', { overdueFlagged: true }),
    ] as TipListRecord[]);
  }, 120_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  it('lists the subtree, with tips naming no village at the root only, and filters overdue both ways', async () => {
    const all = await queries.inbox({ ...county, limit: 10, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.tipId.slice(-1))).toEqual(['1', '3', '2']);
    expect(all.rows[0]).toMatchObject({ villageCode: '320724101201', overdue: true, nextDeadline: { kind: 'acceptance', due: '2026-02-15' } });
    expect((await queries.inbox({ ...township, limit: 10, offset: 0 })).rows.map((r) => r.tipId.slice(-1))).toEqual(['1']);
    expect((await queries.inbox({ ...county, village: '320724102', limit: 10, offset: 0 })).rows.map((r) => r.tipId.slice(-1))).toEqual(['2']);
    expect((await queries.inbox({ ...county, overdue: true, limit: 10, offset: 0 })).rows.map((r) => r.tipId.slice(-1))).toEqual(['1', '3']);
    expect((await queries.inbox({ ...county, overdue: false, limit: 10, offset: 0 })).rows.map((r) => r.tipId.slice(-1))).toEqual(['2']);
  });

  it('counts by Shanghai month and in total, the period in Shanghai days', async () => {
    const byMonth = await queries.statistics({ ...county, from: '2026-01-01', to: '2026-02-28', by: 'month' });
    expect(byMonth.map((r) => [r.key, r.received, r.concluded, r.substantiated])).toEqual([
      ['2026-01', 2, 1, 1],
      ['2026-02', 1, 0, 0],
    ]);
    expect(await queries.totals({ ...county, from: '2026-02-01', to: '2026-02-01' })).toMatchObject({ key: 'total', received: 1 });
    const byTownship = await queries.statistics({ ...township, from: '2026-01-01', to: '2026-12-31', by: 'township' });
    expect(byTownship.map((r) => [r.key, r.received])).toEqual([['320724101', 1]]);
  });
});
