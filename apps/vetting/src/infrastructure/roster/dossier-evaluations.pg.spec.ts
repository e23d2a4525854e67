import type { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, readModelSource } from '@lw/db';
import { parseLocalDate } from '@lw/domain';
import { EventStore, Projector } from '@lw/eventstore';
import { ServiceKernel } from '@lw/runtime';
import { citizenId, createTestDatabase, type TestDatabase } from '@lw/testing';
import { ANNUAL_PACK } from '../../domain/campaign/campaign-packs';
import type { MemberGrade } from '../../domain/campaign/dossier.events';
import { DEFAULT_PACK } from '../../domain/policy';
import { evaluatePerson } from '../../domain/rules/evaluate-person';
import { ReviewNominees } from '../../application/village-election.commands';
import { ELECTION_READ_MODELS } from '../election/election-read-models';
import { NominationRecord } from '../election/nominations.entity';
import { reevaluationHandler } from '../election/reevaluation.projection';
import { vettingMigrations } from '../vetting.migrations';
import { projectRoster, ROSTER_PROJECTION } from './roster-projection';
import { RosterReadModel } from './roster-read-model';
import { ROSTER_READ_MODELS } from './roster-read-models';

const VILLAGE = '320724101201';
const AT = '2026-11-28T02:00:00.000Z';

// Seed 004 (report 3): "对个人测评分优秀、称职、不称职三个等次"; its 负面清单: "近3年有考核不称职或被评为不合格党员的".
// An approved dossier's 不称职 reaches the roster as a 民主测评 result (not a yearly appraisal),
// and the open nominations of the persons graded so are reviewed again.
describe('approved campaign dossiers on the roster (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;
  let readModels: DataSource;
  let roster: RosterReadModel;
  let projector: Projector;
  let reevaluation: Projector;
  const reviews: ReviewNominees[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('dossier_evaluations');
    pool = db.pool('vetting', 4);
    await migrate(pool, 'vetting', ServiceKernel.migrationsFor(vettingMigrations));
    store = new EventStore(pool);
    readModels = await readModelSource(pool, [...ROSTER_READ_MODELS, ...ELECTION_READ_MODELS]);
    projector = new Projector({ pool, name: ROSTER_PROJECTION, readModels, handle: projectRoster });
    const commands = { execute: async (c: ReviewNominees) => void reviews.push(c) } as unknown as CommandBus;
    reevaluation = new Projector({ pool, name: 'reevaluation-test', readModels, handle: reevaluationHandler({ commands: () => commands, dependsOn: [ROSTER_PROJECTION] }) });
    roster = new RosterReadModel(readModels);
    for (const [i, [personId, name]] of [['p1', '张三'], ['p2', '李四']].entries()) {
      const details = { name, citizenId: citizenId('320724', '1980-06-15', i + 1), ethnicity: '汉族', education: '大专', politicalStatus: '中共党员', partyJoinDate: '2004-07-01', phone: null, tags: [], villageCode: VILLAGE };
      await store.append(`roster-person-${personId}`, 'no_stream', [{ type: 'PersonRecorded', data: { personId, ...details } }]);
    }
    // The persons' own events are applied before the nomination exists: only what follows re-reviews it.
    await projector.catchUp();
    await reevaluation.catchUp();
    await readModels.getRepository(NominationRecord).insert({ streamId: `election-e1-${VILLAGE}`, nomineeId: 'n1', personId: 'p1', villageCode: VILLAGE, name: '张三', open: true });
  }, 60_000);

  afterAll(async () => {
    await readModels?.destroy();
    await db?.drop();
  });

  const member = (personId: string | null, name: string, grade: string): MemberGrade => ({ personId, name, post: '村委会委员', grade, reasons: '' });

  /** A campaign under `pack` and one village's dossier with these member grades, submitted; approved when `approve`. */
  async function campaign(campaignId: string, pack: { id: string; version: number }, members: MemberGrade[], approve: boolean): Promise<void> {
    const by = 'u1';
    await store.append(`campaign-${campaignId}`, 'no_stream', [
      {
        type: 'CampaignPlanned',
        data: { campaignId, kind: 'annual', name: '2026年度村级班子集中研判', scope: '320724', period: { from: '2026-11-01', to: '2026-12-31' }, pack, stages: [], methods: [], previousCampaignId: null, at: AT, by },
      },
      { type: 'WorkGroupSet', data: { groupId: 'g1', name: '第一工作组', leader: { name: '赵六', post: '组长' }, members: [], villages: [VILLAGE], townships: [], at: AT, by } },
    ]);
    await store.append(`dossier-${campaignId}-${VILLAGE}`, 'no_stream', [
      { type: 'DossierOpened', data: { campaignId, subject: { kind: 'village', code: VILLAGE }, groupId: 'g1', at: AT, by } },
      { type: 'DossierSectionSaved', data: { section: 'members', content: members, at: AT, by } },
      { type: 'DossierSubmitted', data: { at: AT, by } },
      ...(approve ? [{ type: 'DossierApproved', data: { at: AT, by, comment: '同意' } }] : []),
    ]);
  }

  const catchUp = async () => {
    await projector.catchUp();
    await reevaluation.catchUp();
  };

  it('counts nothing while the dossier is only submitted', async () => {
    await campaign('c-draft', { id: ANNUAL_PACK.id, version: ANNUAL_PACK.version }, [member('p1', '张三', '不称职')], false);
    await catchUp();
    expect(await roster.evaluations(['p1', 'p2'])).toEqual([]);
    expect(reviews).toEqual([]);
  });

  it("records an approved dossier's 不称职 of a member on the roster as a 民主测评, which blocks the nominee and re-reviews the nomination", async () => {
    await campaign('c1', { id: ANNUAL_PACK.id, version: ANNUAL_PACK.version }, [member('p1', '张三', '不称职'), member('p2', '李四', '称职'), member(null, '王五', '不称职')], true);
    await catchUp();

    expect(await roster.evaluations(['p1', 'p2'])).toEqual([{ personId: 'p1', campaignId: 'c1', subjectCode: VILLAGE, date: '2026-11-28', grade: '不称职', campaignName: '2026年度村级班子集中研判' }]);
    // Not a yearly appraisal.
    expect(await roster.appraisals(['p1'])).toEqual([]);

    const facts = (await roster.personFacts(['p1'], parseLocalDate('2026-12-01'))).get('p1')!;
    expect(facts.appraisals).toEqual([]);
    expect(facts.evaluations).toEqual([{ date: '2026-11-28', grade: '不称职', campaignId: 'c1', campaignName: '2026年度村级班子集中研判', subjectCode: VILLAGE }]);
    // Only what was known on the evaluation day.
    expect((await roster.personFacts(['p1'], parseLocalDate('2026-11-27'))).get('p1')!.evaluations).toEqual([]);

    const v = evaluatePerson(DEFAULT_PACK, facts, { body: 'committee', post: '委员', tenure: 'continuing' }).find((x) => x.ruleId === 'negative.incompetent');
    expect(v?.kind).toBe('block');
    expect(v?.message).toContain('民主测评不称职（2026-11-28 2026年度村级班子集中研判）');

    expect(reviews.map((r) => [r.streamId, r.nomineeIds])).toEqual([[`election-e1-${VILLAGE}`, ['n1']]]);
  });

  it('follows a pack version an administrator posted as data (stream campaignpack-<id>)', async () => {
    const posted = { ...ANNUAL_PACK, id: 'county-annual', version: 2 };
    await store.append('campaignpack-county-annual', 'no_stream', [{ type: 'CampaignPackReleased', data: { pack: posted, at: AT, by: 'admin' } }]);
    await campaign('c2', { id: 'county-annual', version: 2 }, [member('p2', '李四', '不称职')], true);
    await catchUp();
    expect((await roster.evaluations(['p2'])).map((e) => [e.campaignId, e.grade])).toEqual([['c2', '不称职']]);
  });
});
