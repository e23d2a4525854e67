import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { EventStore, Projector } from '@lw/eventstore';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { DEFAULT_AUDIT_POLICY, type EngagementEvent, type FindingContent } from '../../domain/engagement';
import { engagementStream } from '../../application/engagement-stream';
import { auditingMigrations } from '../auditing.migrations';
import { AuditingQueries } from './auditing-queries';
import { AUDITING_READ_MODELS } from './auditing-read-models';
import { engagementProjection } from './engagement.projection';
import { EngagementRecord } from './engagements.entity';
import { FindingRecord } from './findings.entity';

const A = '320724101201';
const B = '320724102201';

const planned = (engagementId: string, villageCode: string): EngagementEvent => ({
  type: 'EngagementPlanned',
  data: {
    engagementId,
    kind: 'outgoing',
    villageCode,
    electionId: 'e1',
    persons: [{ personId: 'p1', name: '赵书记', post: '党支部书记' }],
    periodFrom: '2021-03-15' as never,
    periodTo: '2026-09-01' as never,
    auditors: [],
    at: '2026-09-01T01:00:00.000Z',
  },
});
const content = (over: Partial<FindingContent> = {}): FindingContent => ({
  category: 'unreceipted_voucher',
  severity: 'serious',
  amount: '9999999999999.99',
  description: '白条入账',
  responsiblePersons: [{ name: '赵书记', post: '党支部书记' }],
  evidence: [],
  rectificationRequired: true,
  violationSuspected: false,
  ...over,
});

// The engagement projection writes its two tables through TypeORM in the checkpoint's transaction;
// the queries read them back through repositories and query builders.
describe('engagement projection and queries on TypeORM read models (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let readModels: DataSource;
  let projector: Projector;
  let queries: AuditingQueries;

  beforeAll(async () => {
    db = await createTestDatabase('auditing_projection');
    pool = db.pool('auditing', 3);
    await migrate(pool, 'auditing', ServiceKernel.migrationsFor(auditingMigrations));
    store = new EventStore(pool);
    readModels = await readModelSource(pool, AUDITING_READ_MODELS);
    projector = new Projector({ pool, name: 'engagements', leader: false, readModels, handle: engagementProjection(store), onError: () => undefined });
    queries = new AuditingQueries(readModels, DEFAULT_AUDIT_POLICY, (c) => `村${c}`);
  }, 60_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  const append = (id: string, events: EngagementEvent[]) => store.append(engagementStream(id), 'any', events.map((e) => ({ type: e.type, data: e.data })));

  it('projects engagements and their findings, and reads them as lists, progress and the findings table', async () => {
    await append('a', [
      planned('a', A),
      { type: 'FieldworkStarted', data: { auditors: ['周审计'], at: '2026-09-02T01:00:00.000Z' } },
      { type: 'FindingRecorded', data: { ...content(), findingId: 'a-F001', by: 'u1', at: '2026-09-03T01:00:00.000Z' } },
      { type: 'FindingRecorded', data: { ...content({ severity: 'general', amount: null, responsiblePersons: [{ name: '钱会计', post: null }] }), findingId: 'a-F002', by: 'u1', at: '2026-09-03T02:00:00.000Z' } },
      { type: 'FindingRectified', data: { findingId: 'a-F001', caseId: 'case-1', at: '2026-09-05T01:00:00.000Z' } },
    ]);
    await append('b', [planned('b', B), { type: 'FieldworkStarted', data: { auditors: [], at: '2026-09-02T01:00:00.000Z' } }, { type: 'DraftSubmitted', data: { at: '2026-09-04T01:00:00.000Z' } }, { type: 'AuditConcluded', data: { summary: null, at: '2026-09-06T01:00:00.000Z' } }]);
    await projector.catchUp();

    const list = await queries.list({ scope: '320724', limit: 1, offset: 0 });
    expect(list.total).toBe(2);
    expect(list.rows).toEqual([
      {
        engagementId: 'a',
        kind: 'outgoing',
        villageCode: A,
        villageName: `村${A}`,
        electionId: 'e1',
        status: 'fieldwork',
        statusLabel: '现场审计',
        persons: [{ personId: 'p1', name: '赵书记', post: '党支部书记' }],
        auditors: ['周审计'],
        periodFrom: '2021-03-15',
        periodTo: '2026-09-01',
        plannedAt: '2026-09-01T01:00:00.000Z',
        publishedAt: null,
        noticeEndsOn: null,
        findings: 2,
        seriousOpen: 0,
        amount: '9999999999999.99',
      },
    ]);
    expect((await queries.list({ scope: '320724', status: ['concluded'], kind: 'outgoing', village: '320724102', electionId: 'e1', limit: 10, offset: 0 })).rows.map((r) => r.engagementId)).toEqual(['b']);
    expect((await queries.list({ scope: '320724101', village: '320724102', limit: 10, offset: 0 })).total).toBe(0);

    expect(await queries.elections('320724')).toEqual({ rows: [{ electionId: 'e1', planned: 2, published: 0, plannedAt: '2026-09-01T01:00:00.000Z' }] });
    const progress = await queries.progress('e1', '320724');
    expect(progress).toMatchObject({ planned: 2, inFieldwork: 1, concluded: 1, published: 0, seriousOpen: 0, blockingVillages: 2 });
    expect(progress.blocking.map((v) => [v.engagementId, v.reasons])).toEqual([
      ['a', ['离任经济责任审计尚未完成']],
      ['b', ['离任经济责任审计结果尚未公示']],
    ]);

    const table = await queries.findings({ scope: '320724101' });
    expect(table.map((f) => [f.findingId, f.kind, f.amount, f.responsible, f.rectified, f.recordedAtLocal])).toEqual([
      ['a-F001', 'outgoing', '9999999999999.99', '赵书记（党支部书记）', true, expect.stringContaining('2026-09-03')],
      ['a-F002', 'outgoing', null, '钱会计', false, expect.stringContaining('2026-09-03')],
    ]);
  });

  it('rebuilds an engagement on its new events, and never lets an older rebuild overwrite a newer row', async () => {
    await append('a', [{ type: 'FindingAmended', data: { ...content({ amount: '0.01' }), findingId: 'a-F001', reason: '复核', amendedBy: 'u2', at: '2026-09-07T01:00:00.000Z' } }]);
    await projector.catchUp();
    const row = await readModels.getRepository(FindingRecord).findOneByOrFail({ findingId: 'a-F001' });
    expect([row.amountFen, row.amendments, row.caseId]).toEqual(['1', 1, 'case-1']);
    expect(await readModels.getRepository(EngagementRecord).findOneByOrFail({ engagementId: 'a' })).toMatchObject({ version: 6, amountFen: '1' });

    // The first five events again, as a stale batch would bring them: the newer row and its findings stay.
    const older = (await store.readStream(engagementStream('a'))).slice(0, 5);
    const staleStore = { readStreams: async () => new Map([[engagementStream('a'), older]]) } as unknown as EventStore;
    await readModels.transaction((manager) => engagementProjection(staleStore)(older, {} as PoolClient, manager));
    expect(await readModels.getRepository(EngagementRecord).findOneByOrFail({ engagementId: 'a' })).toMatchObject({ version: 6, amountFen: '1' });
    expect((await readModels.getRepository(FindingRecord).findOneByOrFail({ findingId: 'a-F001' })).amountFen).toBe('1');
  });
});
