import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Pool, PoolClient } from 'pg';
import { migrate } from '@lw/db';
import { bundledChineseDaysData, DomainNotFoundError, integrationContracts, parseLocalDate, WorkingCalendar, type Actor, type ElectionOpenedV1 } from '@lw/domain';
import { EventStore } from '@lw/eventstore';
import { Hierarchy, hierarchyMigrations, importDivisions, Jurisdiction } from '@lw/hierarchy';
import { createServiceCqrs, ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { DEFAULT_AUDIT_POLICY, outgoingEngagementId } from './domain/engagement';
import { auditingMigrations } from './infrastructure/auditing.migrations';
import { AuditPlaces } from './application/audit-places';
import { ENGAGEMENT_COMMAND_HANDLERS, MarkFindingRectified, PlanOutgoingAudits, RecordFinding, StartFieldwork } from './application/engagement.commands';
import { EngagementDetail, EngagementDetailHandler } from './application/engagement.queries';
import { engagementStream } from './application/engagement-stream';
import { Engagements } from './application/engagements';

const TOWN_A = '320724100223'; // 新安镇 大庙村委会
const TOWN_B = '320724101200'; // 堆沟港镇 堆沟村委会
const county: Actor = { userId: 'county-auditor', roles: ['auditor'], node: '320724' };
const otherTown: Actor = { userId: 'town-b', roles: ['township'], node: '320724101' };

const election: ElectionOpenedV1 = {
  electionId: 'e2026',
  scope: '320724',
  name: '2026年村（社区）“两委”换届',
  policy: { id: 'default', version: 1 },
  openedAt: '2026-09-01T01:00:00.000Z',
  votingFrom: null,
  villages: [
    { villageCode: TOWN_A, outgoingHeads: [{ personId: 'p-a', name: '赵书记', post: '党支部书记', since: parseLocalDate('2021-03-15') }] },
    { villageCode: TOWN_B, outgoingHeads: [] },
  ],
};

// The engagement commands through the service's own bus, on PostgreSQL: a reaction's commands run
// inside the inbox transaction and record who and what caused them; users are held to their area.
describe('auditing engagement commands (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let ctx: INestApplicationContext;
  let commands: CommandBus;

  beforeAll(async () => {
    db = await createTestDatabase('auditing_commands');
    const hierarchyPool = db.pool('hierarchy', 2);
    await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
    await importDivisions(hierarchyPool, { scope: '320724', validFrom: '2023-06-30', dataYear: 2023 });
    const hierarchy = await Hierarchy.load(hierarchyPool, { scope: '320724' });
    pool = db.pool('auditing', 4);
    await migrate(pool, 'auditing', ServiceKernel.migrationsFor(auditingMigrations));
    store = new EventStore(pool);
    const calendar = new WorkingCalendar(bundledChineseDaysData());
    const jurisdiction = new Jurisdiction(hierarchy);
    const engagements = new Engagements({ store, jurisdiction, contracts: integrationContracts(), policy: DEFAULT_AUDIT_POLICY, calendar: () => calendar });
    ctx = await createServiceCqrs(
      [
        { provide: Engagements, useValue: engagements },
        { provide: Jurisdiction, useValue: jurisdiction },
        { provide: AuditPlaces, useValue: new AuditPlaces(hierarchy, jurisdiction) },
      ],
      [...ENGAGEMENT_COMMAND_HANDLERS, EngagementDetailHandler],
    );
    commands = ctx.get(CommandBus);
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  async function inTransaction<T>(work: (tx: PoolClient) => Promise<T>, commit = true): Promise<T> {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      const out = await work(tx);
      await tx.query(commit ? 'COMMIT' : 'ROLLBACK');
      return out;
    } finally {
      tx.release();
    }
  }

  it('plans an election\'s outgoing audits inside the caller\'s transaction, recording actor and cause; a redelivery plans nothing', async () => {
    const cause = { actor: county, causationId: 'evt-opened-1' };
    expect(await inTransaction((tx) => commands.execute(new PlanOutgoingAudits(election, { ...cause, tx })), false)).toBe(2);
    expect(await store.streamExists(engagementStream(outgoingEngagementId('e2026', TOWN_A)))).toBe(false); // rolled back with the inbox

    expect(await inTransaction((tx) => commands.execute(new PlanOutgoingAudits(election, { ...cause, tx })))).toBe(2);
    expect(await inTransaction((tx) => commands.execute(new PlanOutgoingAudits(election, { actor: null, causationId: 'evt-opened-2', tx })))).toBe(0);
    const [planned] = await store.readStream(engagementStream(outgoingEngagementId('e2026', TOWN_A)));
    expect(planned.metadata).toMatchObject({ actor: county, causationId: 'evt-opened-1' });
  });

  it('refuses another township\'s engagement and a missing one with the same 404 (scope.outside)', async () => {
    const id = outgoingEngagementId('e2026', TOWN_A);
    const refusal = { code: 'scope.outside', messageZh: '审计项目不存在或不在您的管辖范围内' };
    await expect(commands.execute(new StartFieldwork(id, otherTown, ['审计组']))).rejects.toThrow(DomainNotFoundError);
    await expect(commands.execute(new StartFieldwork(id, otherTown, ['审计组']))).rejects.toMatchObject(refusal);
    await expect(commands.execute(new StartFieldwork('no-such-audit', county, ['审计组']))).rejects.toMatchObject(refusal);
    await expect(ctx.get(QueryBus).execute(new EngagementDetail(id, otherTown))).rejects.toMatchObject(refusal);
    expect(await ctx.get(QueryBus).execute(new EngagementDetail(id, county))).toMatchObject({ engagementId: id, status: 'planned', villageName: expect.stringContaining('新安镇') });
  });

  it('marks a finding rectified when its case closes, and tells a finding that is not ours', async () => {
    const id = outgoingEngagementId('e2026', TOWN_A);
    await commands.execute(new StartFieldwork(id, county, ['审计组']));
    const content = { category: 'unreceipted_voucher', severity: 'serious' as const, amount: '100.00', description: '白条', responsiblePersons: [], evidence: [], rectificationRequired: true, violationSuspected: false };
    const { findingId, seriousOpen } = await commands.execute(new RecordFinding(id, county, content));
    expect(seriousOpen).toBe(1);
    const cause = { actor: null, causationId: 'evt-closed-1' };
    expect(await inTransaction((tx) => commands.execute(new MarkFindingRectified(findingId, 'case-1', { ...cause, tx })))).toBe(true);
    expect(await inTransaction((tx) => commands.execute(new MarkFindingRectified('outgoing-e2026-999999999999-F001', 'case-2', { ...cause, tx })))).toBe(false);
    const events = await store.readStream(engagementStream(id));
    expect(events.at(-1)).toMatchObject({ type: 'FindingRectified', metadata: { causationId: 'evt-closed-1' } });
  });
});
