import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { decideAndAppend, EventStore, loadAggregate } from '@lw/eventstore';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { villageElectionDecider, villageElectionStream } from '../../application/village-election-stream';
import { evolveVillageElection, type VillageElectionEvent } from '../../domain/election';
import { vettingMigrations } from '../vetting.migrations';

const CODE = '320724100223';
const AT = '2026-12-01T02:00:00.000Z';

// A long village-election stream loads from its snapshot (Maps written as entry lists) plus the
// later events to exactly what a full replay gives.
describe('village-election snapshots (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('village_election_snapshot');
    pool = db.pool('vetting', 2);
    await migrate(pool, 'vetting', ServiceKernel.migrationsFor(vettingMigrations));
    store = new EventStore(pool);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('loads a snapshotted stream to the same nominees, joint reviews and objections as replaying every event', async () => {
    const streamId = villageElectionStream('e1', CODE);
    const append = (events: VillageElectionEvent[]) => decideAndAppend(store, villageElectionDecider, streamId, () => events, {});
    await append([{ type: 'VillageElectionOpened', data: { electionId: 'e1', villageCode: CODE, seats: { party: 5, committee: 5, supervision: 3 }, at: AT } }]);
    const departments = ['纪委监委', '公安局', '法院', '检察院', '民政局', '司法局'];
    for (let i = 0; i < 8; i++) {
      const nomineeId = `n${i}`;
      await append([{ type: 'NomineeListed', data: { nomineeId, personId: `p${i}`, name: `候选人${i}`, post: '委员', body: 'committee', at: AT } }]);
      await append([{ type: 'JointReviewRequested', data: { nomineeId, departments, dueOn: '2026-12-10', endsAt: '2026-12-10T15:59:59.999Z', at: AT } }]);
      for (const department of departments) {
        await append([{ type: 'JointReviewAnswered', data: { nomineeId, department, answer: i === 3 && department === '公安局' ? 'fail' : 'pass', reason: null, at: AT } }]);
      }
    }
    await append([{ type: 'ObjectionRaised', data: { noticeId: 'notice-e1', nomineeId: 'n2', tipId: 't1', at: AT } }]);
    await append([{ type: 'ObjectionRaised', data: { noticeId: 'notice-e1', nomineeId: null, tipId: 't2', at: AT } }]);

    const snapshot = await store.loadSnapshot(streamId, villageElectionDecider.snapshot!.schemaVersion);
    expect(snapshot?.version).toBe(50);

    const fromSnapshot = await loadAggregate(store, villageElectionDecider, streamId);
    const replayed = await loadAggregate(store, { evolve: evolveVillageElection }, streamId);
    expect(replayed.version).toBe(67);
    expect(fromSnapshot).toEqual(replayed);
    expect(fromSnapshot.state!.nominees).toBeInstanceOf(Map);
    expect(fromSnapshot.state!.nominees.get('n3')?.status).toBe('joint_review_failed');
    expect([...fromSnapshot.state!.openObjections]).toEqual([['t1', 'n2'], ['t2', null]]);
  });
});
