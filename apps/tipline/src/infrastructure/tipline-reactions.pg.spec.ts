import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { newEnvelope, shanghaiDateOf, type IntegrationEvent } from '@lw/domain';
import { EventStore } from '@lw/eventstore';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { CalendarStore, createLogger, ServiceKernel, type ServiceRuntime } from '@lw/runtime';
import { createServiceCqrs } from '@lw/runtime/src/nest/service-cqrs';
import { createTestDatabase, publicNoticeStarted, type TestDatabase } from '@lw/testing';
import { tiplineMigrations } from './persistence/migrations';
import { NoticeCandidateRecord } from './read-model/notice-candidates.entity';
import { PublicNoticeRecord } from './read-model/public-notices.entity';
import { TIPLINE_READ_MODELS } from './read-model/tipline-read-models';
import { tiplineRuntime } from './tipline-runtime';

// The tip-line's reactions run whole inside the consumer's inbox transaction: with that transaction
// holding the pool's only connection, each still completes (a read through the pool would wait for
// ever, the way a flood of events exhausted the pool when every handler took a second connection).
describe('tip-line reactions in the inbox transaction', () => {
  const village = '320724100001';
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let runtime: ServiceRuntime;
  let cqrs: INestApplicationContext;
  let readModels: DataSource;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase('tipreact');
    const h = db.pool('hierarchy', 2);
    await migrate(h, 'hierarchy', hierarchyMigrations);
    await importDivisions(h, { scope: '320724' });
    pool = db.pool('tipline', 1);
    await migrate(pool, 'tipline', ServiceKernel.migrationsFor(tiplineMigrations));
    store = new EventStore(pool);
    readModels = await readModelSource(pool, TIPLINE_READ_MODELS);
    dataDir = mkdtempSync(join(tmpdir(), 'lw-tipreact-'));
    const kernel = {
      pool,
      store,
      jobs: {},
      readModels,
      logger: createLogger({ service: 'test', level: 'silent' }),
      platform: { mode: 'embedded', hierarchy: await Hierarchy.load(h, { scope: '320724' }), calendar: new CalendarStore(pool), dataDir, env: { TIPLINE_RECEIPT_HASH_COST: '10' } },
      get commandBus() {
        return cqrs.get(CommandBus);
      },
    } as unknown as ServiceKernel;
    runtime = tiplineRuntime(kernel);
    cqrs = await createServiceCqrs(runtime.providers ?? [], runtime.handlers ?? []);
  }, 120_000);

  afterAll(async () => {
    await cqrs?.close();
    await readModels?.destroy();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function inInbox(event: IntegrationEvent): Promise<void> {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await runtime.consumes!.handle(event, tx);
      await tx.query('COMMIT');
    } catch (err) {
      await tx.query('ROLLBACK');
      throw err;
    } finally {
      tx.release();
    }
  }

  const transfer = (transferId: string, responsible = '钱会计') =>
    newEnvelope({
      type: 'auditing.ViolationTransferred',
      version: 1,
      producer: 'auditing',
      villageCode: village,
      actor: null,
      payload: {
        transferId,
        engagementId: 'e-1',
        findingId: `f-${transferId}`,
        villageCode: village,
        transferredAt: new Date().toISOString(),
        category: 'collective_funds',
        description: '白条入账',
        amount: null,
        responsiblePersons: [{ name: responsible, post: '报账员' }],
      },
    });

  it('turns an audit transfer into a tip once, links its repeat, and records a closed rectification, all on the one connection', async () => {
    const first = transfer('tr-1');
    await inInbox(first);
    await inInbox({ ...first, id: '01900000-0000-7000-8000-000000000001' });
    const tips = (await pool.query(`SELECT DISTINCT stream_id FROM events WHERE type = 'TipReceived'`)).rows.map((r) => r.stream_id as string);
    expect(tips).toHaveLength(1);
    const tipId = tips[0].slice('tip-'.length);
    const [received] = await store.readStream(tips[0]);
    expect(received.metadata).toMatchObject({ causationId: first.id });

    await inInbox(transfer('tr-2'));
    expect((await store.readStream(tips[0])).map((e) => e.type)).toEqual(['TipReceived', 'RepeatLinked']);

    const closed = newEnvelope({
      type: 'grievance.CaseClosed',
      version: 1,
      producer: 'grievance',
      villageCode: village,
      actor: null,
      payload: { caseId: 'case-1', villageCode: village, closedAt: new Date().toISOString(), source: { kind: 'tip', ref: tipId } },
    });
    await inInbox(closed);
    const last = (await store.readStream(tips[0])).at(-1)!;
    expect([last.type, last.metadata.causationId]).toEqual(['RectificationClosed', closed.id]);
  }, 30_000);

  it('records a public notice once, finds its candidate while receiving a tip, and ends it, all on the one connection', async () => {
    const today = shanghaiDateOf(new Date());
    const started = publicNoticeStarted({ noticeId: 'pn-1', villageCode: village, startsOn: today, endsOn: today, candidates: [{ candidateId: 'c-1', name: '孙出纳', post: '村委会委员' }] });
    await inInbox(started);
    await inInbox({ ...started, id: '01900000-0000-7000-8000-000000000002' });
    expect(await readModels.getRepository(NoticeCandidateRecord).countBy({ noticeId: 'pn-1' })).toBe(1);

    await inInbox(transfer('tr-3', '孙出纳'));
    const [received] = await store.eventsWhere({ type: 'TipReceived', dataContains: { origin: { auditTransferId: 'tr-3' } } });
    expect(received.data.objection).toEqual({ noticeId: 'pn-1', endsOn: today, candidateId: 'c-1' });

    await inInbox(newEnvelope({ type: 'vetting.PublicNoticeEnded', version: 1, producer: 'vetting', villageCode: village, actor: null, payload: { noticeId: 'pn-1', villageCode: village, endedOn: today } }));
    expect((await readModels.getRepository(PublicNoticeRecord).findOneByOrFail({ noticeId: 'pn-1' })).endedOn).not.toBeNull();
  }, 30_000);
});
