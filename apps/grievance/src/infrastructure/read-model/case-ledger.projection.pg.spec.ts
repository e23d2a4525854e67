import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { inReadModelTransaction, migrate, readModelSource } from '@lw/db';
import { EventStore, Projector } from '@lw/eventstore';
import { deadlineJobId, PgJobScheduler } from '@lw/jobs';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import type { CaseDeadline, CaseEvent } from '../../domain';
import { caseStreamId } from '../../application/case-stream';
import { LightJobs } from '../../application/light-jobs';
import { grievanceMigrations } from '../grievance.migrations';
import { CaseLedgerRecord } from './case-ledger.entity';
import { caseLedgerProjection } from './case-ledger.projection';
import { CaseQueries, ledgerSql } from './case-queries';
import { GRIEVANCE_READ_MODELS } from './grievance-read-models';

const VILLAGE = '320724101200';
const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';

const deadline = (due: string): CaseDeadline => ({
  startOn: '2026-09-01',
  workingDays: null,
  due,
  endsAt: `${due}T16:00:00.000Z`,
  yellowOn: due,
  yellowAt: `${due}T00:00:00.000Z`,
  beyondHorizon: false,
});
const opened = (caseId: string): CaseEvent => ({
  type: 'CaseOpened',
  data: {
    caseId,
    villageCode: VILLAGE,
    townshipCode: '320724101',
    source: { kind: 'inspection', ref: null },
    category: '村务公开',
    severity: 'major',
    description: '村务公开栏未按季度更新',
    measures: '按季度公开',
    responsibleUnit: '某镇党委',
    responsiblePerson: { name: '周联村', post: '镇党委副书记' },
    directlyResponsible: [{ name: '钱会计', post: '报账员' }, { name: '孙委员', post: null }],
    deadline: deadline('2099-09-30'),
    milestones: [],
    at: '2026-09-01T02:00:00.000Z',
  },
});

// The case-ledger projection writes case_ledger through TypeORM in the checkpoint's transaction and
// schedules the light jobs in that same transaction; the queries read the rows back.
describe('case-ledger projection on a TypeORM read model (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let jobs: PgJobScheduler;
  let readModels: DataSource;
  let projection: ReturnType<typeof caseLedgerProjection>;
  let projector: Projector;

  beforeAll(async () => {
    db = await createTestDatabase('grievance_projection');
    pool = db.pool('grievance', 3);
    await migrate(pool, 'grievance', ServiceKernel.migrationsFor(grievanceMigrations));
    store = new EventStore(pool);
    jobs = new PgJobScheduler({ pool });
    const lights = new LightJobs(jobs, () => {
      throw new Error('no light job runs here');
    });
    readModels = await readModelSource(pool, GRIEVANCE_READ_MODELS);
    projection = caseLedgerProjection({ store, scheduleLights: (id, d, tx) => lights.schedule(id, d, tx) });
    projector = new Projector({ pool, name: 'case-ledger', leader: false, readModels, handle: projection, onError: () => undefined });
  }, 60_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  const append = (caseId: string, events: CaseEvent[]) => store.append(caseStreamId(caseId), 'any', events.map((e) => ({ type: e.type, data: e.data })));
  const endOf = (due: string) => Date.parse(deadline(due).endsAt);

  it('projects a case into the ledger, schedules its light jobs, and reads it back as a ledger row', async () => {
    await append(A, [opened(A), { type: 'ProgressNoted', data: { at: '2026-09-02T02:00:00.000Z', noteId: 'n1', text: '已召开两委会', attachments: [] } }]);
    await projector.catchUp();

    const row = await readModels.getRepository(CaseLedgerRecord).findOneByOrFail({ caseId: A });
    expect(row).toMatchObject({ version: 2, status: 'in_progress', deadlineDue: '2099-09-30', latestProgress: '已召开两委会', directlyResponsible: '钱会计（报账员）、孙委员' });
    expect((await jobs.status(deadlineJobId('case', A, 'red', endOf('2099-09-30'))))?.state).toBe('scheduled');
    expect((await jobs.status(deadlineJobId('case', A, 'yellow', endOf('2099-09-30'))))?.state).toBe('scheduled');

    const filter = { scope: '320724', light: ['green' as const], limit: 10, offset: 0 };
    const page = await new CaseQueries(readModels, (c) => `村${c}`).ledger(filter);
    expect(page.total).toBe(1);
    // The same query as raw SQL, as the benchmark runs it.
    const raw = ledgerSql(readModels, filter);
    expect([(await pool.query(...raw.count)).rows[0].n, (await pool.query(...raw.page)).rowCount]).toEqual(['1', 1]);
    expect(page.rows[0]).toMatchObject({ caseId: A, villageName: `村${VILLAGE}`, light: 'green', deadline: { startOn: '2026-09-01', due: '2099-09-30' }, latestProgress: '已召开两委会' });
  });

  it('never lets an older rebuild overwrite a newer row', async () => {
    const older = (await store.readStream(caseStreamId(A))).slice(0, 1);
    const staleStore = { readStreams: async () => new Map([[caseStreamId(A), older]]) } as unknown as EventStore;
    const stale = caseLedgerProjection({ store: staleStore, scheduleLights: async () => undefined });
    await inReadModelTransaction(readModels, (manager, client) => stale(older, client, manager));
    expect(await readModels.getRepository(CaseLedgerRecord).findOneByOrFail({ caseId: A })).toMatchObject({ version: 2, status: 'in_progress' });
  });

  it('schedules nothing and writes nothing when the batch’s transaction rolls back', async () => {
    await append(B, [opened(B)]);
    const events = await store.readStream(caseStreamId(B));
    await expect(
      inReadModelTransaction(readModels, async (manager, client) => {
        await projection(events, client, manager);
        throw new Error('the checkpoint failed');
      }),
    ).rejects.toThrow('the checkpoint failed');
    expect(await readModels.getRepository(CaseLedgerRecord).findOneBy({ caseId: B })).toBeNull();
    expect(await jobs.status(deadlineJobId('case', B, 'red', endOf('2099-09-30')))).toBeNull();
  });
});
