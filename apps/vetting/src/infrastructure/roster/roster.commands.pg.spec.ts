import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { DomainNotFoundError, shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { EventStore, Projector } from '@lw/eventstore';
import { Hierarchy, hierarchyMigrations, importDivisions, Jurisdiction } from '@lw/hierarchy';
import { ServiceKernel } from '@lw/runtime';
import { createServiceCqrs } from '@lw/runtime/src/nest/service-cqrs';
import { citizenId, createTestDatabase, type TestDatabase } from '@lw/testing';
import { RosterDeps } from '../../application/roster/roster-deps';
import { AddRecord, ImportRoster, RecordPerson, ROSTER_COMMAND_HANDLERS } from '../../application/roster/roster.commands';
import { personStream, villageStream } from '../../domain/roster';
import { vettingMigrations } from '../vetting.migrations';
import { PgCitizenIdClaims } from './citizen-id-claims';
import { projectRoster, ROSTER_PROJECTION } from './roster-projection';
import { RosterReadModel } from './roster-read-model';
import { ROSTER_READ_MODELS } from './roster-read-models';

const VILLAGE_A = '320724100223'; // 新安镇 大庙村委会
const VILLAGE_B = '320724101200'; // 堆沟港镇 堆沟村委会
const county: Actor = { userId: 'county', roles: ['org_dept'], node: '320724' };
const townB: Actor = { userId: 'town-b', roles: ['township'], node: '320724101' };
const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];

// The roster's commands through the service's own bus on PostgreSQL: one decider loop re-decides a
// person's write on a concurrent append, imports serialise on the village's lock, users are held to
// their area with the one refusal.
describe('roster commands (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let hierarchy: Hierarchy;
  let ctx: INestApplicationContext;
  let commands: CommandBus;
  let readModels: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('roster_commands');
    const hierarchyPool = db.pool('hierarchy', 2);
    await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
    await importDivisions(hierarchyPool, { scope: '320724', validFrom: '2023-06-30', dataYear: 2023 });
    hierarchy = await Hierarchy.load(hierarchyPool, { scope: '320724' });
    pool = db.pool('vetting', 6);
    await migrate(pool, 'vetting', ServiceKernel.migrationsFor(vettingMigrations));
    store = new EventStore(pool);
    readModels = await readModelSource(pool, ROSTER_READ_MODELS);
    const readModel = new RosterReadModel(readModels);
    const projector = new Projector({ pool, name: ROSTER_PROJECTION, readModels, handle: projectRoster });
    const deps: RosterDeps = {
      pool,
      store,
      hierarchy,
      jurisdiction: new Jurisdiction(hierarchy),
      citizenIds: new PgCitizenIdClaims(readModels),
      reachOf: (ids, tx) => readModel.reachOf(ids, tx),
      today: () => shanghaiDateOf(new Date()),
      newId: () => randomUUID(),
      readYourWrites: () => projector.catchUp(),
    };
    ctx = await createServiceCqrs([{ provide: RosterDeps, useValue: deps }], ROSTER_COMMAND_HANDLERS);
    commands = ctx.get(CommandBus);
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    await readModels?.destroy();
    await db?.drop();
  });

  const recordPerson = (seq: number, villageCode: string): Promise<string> =>
    commands.execute(
      new RecordPerson({ name: `人员${seq}`, citizenId: citizenId('320724', '1970-01-01', seq), ethnicity: '汉族', education: '初中', politicalStatus: '群众', partyJoinDate: null, phone: null, tags: [], villageCode }, null),
    );
  const addRecord = (personId: string, recordId: string, actor: Actor) =>
    commands.execute(new AddRecord(personId, { recordId, text: '党内警告', date: '2024-03-01' as LocalDate, endsOn: null, source: null }, actor));

  it('lands every one of many records added to one person at once: each conflict is decided again on the new history', async () => {
    const personId = await recordPerson(1, VILLAGE_A);
    // Five at once: each round one of them lands, so none needs more than the loop's five tries.
    await Promise.all(Array.from({ length: 5 }, (_, i) => addRecord(personId, `r${i}`, county)));
    const events = await store.readStream(personStream(personId));
    expect(events.map((e) => e.type).sort()).toEqual(['PersonRecorded', ...Array(5).fill('RecordAdded')]);
    expect(events.every((e) => e.metadata.actor === null || e.metadata.actor?.userId === 'county')).toBe(true);
  });

  it('refuses a township a person of another township with the one 404, and appends nothing', async () => {
    const personId = await recordPerson(3, VILLAGE_A);
    const refused = addRecord(personId, 'x', townB);
    await expect(refused).rejects.toBeInstanceOf(DomainNotFoundError);
    await expect(refused).rejects.toMatchObject({ messageZh: '该人员不存在或不在您的管辖范围内' });
    expect((await store.readStream(personStream(personId))).map((e) => e.type)).toEqual(['PersonRecorded']);
  });

  it('imports two sheets of different persons into one village at once: the second waits for the village and both land', async () => {
    const name = hierarchy.get(VILLAGE_B)!.shortName;
    const sheet = (seq: number) => ({ header: HEADER, rows: [['1', name, VILLAGE_B, `委员${seq}`, citizenId('320724', '1970-01-01', seq), '男', '汉族', '高中', '群众', '', '村委会委员', '']] });
    const [a, b] = await Promise.all([5, 7].map((seq) => commands.execute(new ImportRoster(sheet(seq), 'all_or_nothing', false, '2021-01-10' as LocalDate, townB))));
    expect([a.written, a.created, b.written, b.created]).toEqual([true, 1, true, 1]);
    expect((await store.readStream(villageStream(VILLAGE_B))).map((e) => e.type)).toEqual(['HoldingStarted', 'HoldingStarted']);
  });
});
