import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import type { LocalDate } from '@lw/domain';
import { decideAndAppend, EventStore, loadAggregate } from '@lw/eventstore';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { evolveVillage, villageDecider, villageStream, type VillageEvent } from '../../domain/roster';
import { vettingMigrations } from '../vetting.migrations';

const CODE = '320724100223';

// A long village stream loads from its snapshot plus the later events to what a full replay gives.
describe('roster village snapshots (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('roster_village_snapshot');
    pool = db.pool('vetting', 2);
    await migrate(pool, 'vetting', ServiceKernel.migrationsFor(vettingMigrations));
    store = new EventStore(pool);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('loads a snapshotted stream to the same holdings as replaying every event', async () => {
    const streamId = villageStream(CODE);
    // 61 terms of a member started and ended: 122 events, snapshots at 50 and 100.
    for (let i = 0; i < 61; i++) {
      const from = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01` as LocalDate;
      const holding = { personId: `p${i}`, villageCode: CODE, body: 'committee' as const, post: '委员' as const, from };
      await decideAndAppend(store, villageDecider, streamId, () => [{ type: 'HoldingStarted', data: holding }] as VillageEvent[], {});
      if (i < 60) await decideAndAppend(store, villageDecider, streamId, () => [{ type: 'HoldingEnded', data: { ...holding, to: '2099-01-01' as LocalDate } }] as VillageEvent[], {});
    }
    const snapshot = await store.loadSnapshot(streamId, villageDecider.snapshot.schemaVersion);
    expect(snapshot?.version).toBe(100);

    const fromSnapshot = await loadAggregate(store, villageDecider, streamId);
    const replayed = await loadAggregate(store, { evolve: (s: ReturnType<typeof evolveVillage> | null, e: VillageEvent) => evolveVillage(s ?? [], e) }, streamId);
    expect(replayed.version).toBe(121);
    expect(fromSnapshot).toEqual(replayed);
    expect(fromSnapshot.state).toHaveLength(61);
  });
});
