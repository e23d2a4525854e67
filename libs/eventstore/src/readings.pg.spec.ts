import type { Pool } from 'pg';
import { newEnvelope } from '@lw/domain';
import type { TestDatabase } from '@lw/testing';
import { EventStore } from './event-store';
import { Projector } from './projector';
import { outboxBacklog, projectionLags } from './readings';
import { createStoreDatabase } from './test-store';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  ({ db, pool, store } = await createStoreDatabase('es_readings'));
});
afterAll(() => db.drop());

const envelope = () => newEnvelope({ type: 'svc.Happened', version: 1, producer: 'svc', villageCode: null, actor: null, payload: {} });

describe('monitoring readings', () => {
  it('counts unsent outbox rows and stops counting them once sent', async () => {
    await store.append('s-1', 'no_stream', [{ type: 'A', data: {} }], { integrationEvents: [envelope(), envelope()] });
    expect((await outboxBacklog(pool)).unsent).toBe(2);
    await pool.query('UPDATE outbox SET sent_at = now()');
    expect(await outboxBacklog(pool)).toEqual({ unsent: 0, oldestUnsentSeconds: 0 });
  });

  it('tells how many events a projection is behind its checkpoint, capped', async () => {
    const projector = new Projector({ pool, name: 'counting', leader: false, handle: async () => undefined });
    await projector.catchUp();
    expect(await projectionLags(pool)).toEqual([{ projection: 'counting', behind: 0, capped: false }]);
    await store.append('s-2', 'no_stream', [{ type: 'A', data: {} }, { type: 'B', data: {} }, { type: 'C', data: {} }]);
    expect(await projectionLags(pool)).toEqual([{ projection: 'counting', behind: 3, capped: false }]);
    expect(await projectionLags(pool, 2)).toEqual([{ projection: 'counting', behind: 2, capped: true }]);
    await projector.catchUp();
    expect(await projectionLags(pool)).toEqual([{ projection: 'counting', behind: 0, capped: false }]);
  });
});
