import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource, withTransaction } from '@lw/db';
import { EventStore, Projector } from '@lw/eventstore';
import { ServiceKernel } from '@lw/runtime';
import { citizenId, createTestDatabase, type TestDatabase } from '@lw/testing';
import { ASSESSMENT_READ_MODELS } from '../assessment/assessment-read-models';
import { vettingMigrations } from '../vetting.migrations';
import { projectRoster, ROSTER_PROJECTION } from './roster-projection';
import { RosterReadModel } from './roster-read-model';
import { ROSTER_READ_MODELS } from './roster-read-models';

const A = '320724100223';
const B = '320724101200';

const details = (name: string, villageCode: string) => ({
  name,
  citizenId: citizenId('320724', '1970-01-01', 1),
  ethnicity: '汉族',
  education: '初中',
  politicalStatus: '群众',
  partyJoinDate: null,
  phone: null,
  tags: [],
  villageCode,
});

// The roster projection on its TypeORM entities: a batch's writes of one kind go in one statement,
// and the rows are what applying the events one by one gives.
describe('roster projection (PostgreSQL, TypeORM entities)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let readModels: DataSource;
  let projector: Projector;
  let roster: RosterReadModel;

  beforeAll(async () => {
    db = await createTestDatabase('roster_projection');
    pool = db.pool('vetting', 4);
    await migrate(pool, 'vetting', ServiceKernel.migrationsFor(vettingMigrations));
    store = new EventStore(pool);
    readModels = await readModelSource(pool, [...ROSTER_READ_MODELS, ...ASSESSMENT_READ_MODELS]);
    projector = new Projector({ pool, name: ROSTER_PROJECTION, readModels, handle: projectRoster });
    roster = new RosterReadModel(readModels);
  }, 60_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  it('applies one batch of a person, its facts and its holdings as the events one by one would', async () => {
    const p = 'p1';
    await store.append(`roster-person-${p}`, 'no_stream', [
      { type: 'PersonRecorded', data: { personId: p, ...details('张三', A) } },
      { type: 'PersonRecorded', data: { personId: p, ...details('张叁', B) } },
      { type: 'PersonRecorded', data: { personId: p, ...details('张叁', A) } },
      { type: 'RecordAdded', data: { personId: p, recordId: 'r1', text: '党内警告', kind: 'party_warning', label: '党内警告', category: 'party_sanction', date: '2024-03-01', endsOn: null, source: null } },
      { type: 'RecordEnded', data: { personId: p, recordId: 'r1', endsOn: '2025-03-01', reason: null } },
      { type: 'RoleAssigned', data: { personId: p, role: '会计', villageCode: A, since: '2020-01-01', until: null } },
      { type: 'RoleAssigned', data: { personId: p, role: '会计', villageCode: A, since: '2020-01-01', until: '2023-12-31' } },
      { type: 'AppraisalRecorded', data: { personId: p, year: 2023, grade: '称职' } },
      { type: 'AppraisalRecorded', data: { personId: p, year: 2023, grade: '优秀' } },
      { type: 'InvestigationOpened', data: { personId: p, investigationId: 'i1', since: '2024-05-01', source: null } },
      { type: 'InvestigationClosed', data: { personId: p, investigationId: 'i1', closedOn: '2024-06-01', conclusion: null } },
    ]);
    const holding = { personId: p, villageCode: A, body: 'party', post: '书记', from: '2021-01-10' };
    await store.append(`roster-village-${A}`, 'no_stream', [
      { type: 'HoldingStarted', data: holding },
      { type: 'HoldingEnded', data: { ...holding, to: '2024-01-01' } },
      { type: 'HoldingStarted', data: { ...holding, body: 'committee', post: '主任' } },
    ]);
    await projector.catchUp();

    const [person] = await roster.persons([p]);
    expect(person).toMatchObject({ name: '张叁', gender: 'male', birthDate: '1970-01-01', villages: [A, B], tags: [], partyJoinDate: null });
    expect((await roster.records([p])).map((r) => [r.recordId, r.date, r.endsOn])).toEqual([['r1', '2024-03-01', '2025-03-01']]);
    expect((await roster.roles([p])).map((r) => [r.role, r.until])).toEqual([['会计', '2023-12-31']]);
    expect((await roster.appraisals([p])).map((a) => [a.year, a.grade, a.source])).toEqual([[2023, '优秀', 'roster']]);
    expect((await roster.investigations([p])).map((i) => i.closedOn)).toEqual(['2024-06-01']);
    expect(await roster.holdingsOfVillage(A)).toEqual([
      { ...holding, body: 'committee', post: '主任' },
      { ...holding, to: '2024-01-01' },
    ]);
    expect(await roster.reachOf([p, 'nobody'])).toEqual(new Map([[p, new Set([A, B])]]));
    expect(await roster.personIdByName(B, '张叁')).toEqual([p]);
  });

  it("replaces an assessment's grades on its correction and drops them when a re-run is invalid", async () => {
    const grades = (grade: string) => ({ assessmentId: 'as1', villageCode: A, period: '2025', year: 2025, memberGrades: [{ personId: 'p1', grade }] });
    await store.append(`assessment-${A}-2025`, 'no_stream', [{ type: 'AssessmentRecorded', data: grades('称职') }]);
    await projector.catchUp();
    const assessed = async () => (await roster.appraisals(['p1'])).filter((a) => a.source === 'assessment').map((a) => [a.year, a.grade, a.ref]);
    expect(await assessed()).toEqual([[2025, '称职', 'as1']]);

    await store.append(`assessment-${A}-2025`, 1, [{ type: 'AssessmentRecorded', data: grades('不称职') }]);
    await projector.catchUp();
    expect(await assessed()).toEqual([[2025, '不称职', 'as1']]);

    await store.append(`assessment-${A}-2025`, 2, [{ type: 'AssessmentRecorded', data: { ...grades('优秀'), assessmentId: 'as2', rerunOf: 'as1', valid: false } }]);
    await projector.catchUp();
    expect(await assessed()).toEqual([]);
  });

  it("reads inside the caller's transaction when given one: what it wrote and has not committed", async () => {
    const rollBack = new Error('roll back');
    const read = withTransaction(pool, async (tx) => {
      await tx.query(`UPDATE roster_persons SET villages = villages || $2::text WHERE person_id = $1`, ['p1', '320724102001']);
      expect((await roster.reachOf(['p1'], tx)).get('p1')).toContain('320724102001');
      expect((await roster.reachOf(['p1'])).get('p1')).not.toContain('320724102001');
      throw rollBack;
    });
    await expect(read).rejects.toBe(rollBack);
  });
});
