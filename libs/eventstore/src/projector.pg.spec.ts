import type { Pool } from 'pg';
import { sleep, waitFor, type TestDatabase } from '@lw/testing';
import { EventStore } from './event-store';
import { ALL_START } from './event.types';
import { Projector } from './projector';
import { createStoreDatabase } from './test-store';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  ({ db, pool, store } = await createStoreDatabase('es_proj', 20));
  await pool.query('CREATE TABLE tip_counts (village text PRIMARY KEY, n int NOT NULL)');
});
afterAll(() => db.drop());

const quiet = () => undefined;

/** A read model: tips per village, written through the projector's transaction. */
function countingProjector(name: string, options: { failOnce?: string; leader?: boolean; log?: string[] } = {}) {
  let failed = false;
  return new Projector({
    pool,
    name,
    leader: options.leader ?? false,
    pollIntervalMs: 50,
    leaseRetryMs: 200,
    retryBaseMs: 20,
    onError: quiet,
    handle: async (events, tx) => {
      for (const e of events) {
        await tx.query(
          `INSERT INTO tip_counts VALUES ($1, 1) ON CONFLICT (village) DO UPDATE SET n = tip_counts.n + 1`,
          [e.data.village],
        );
        options.log?.push(e.id);
        if (options.failOnce && e.data.village === options.failOnce && !failed) {
          failed = true;
          throw new Error('read model write failed');
        }
      }
    },
  });
}

const counts = async () =>
  Object.fromEntries((await pool.query<{ village: string; n: number }>('SELECT village, n FROM tip_counts')).rows.map((r) => [r.village, r.n]));

describe('Projector', () => {
  beforeEach(async () => {
    await pool.query('TRUNCATE tip_counts, events, checkpoints');
  });

  it('commits the read-model change and the checkpoint together: a failed batch leaves neither', async () => {
    for (const [i, v] of ['a', 'b', 'poison', 'c'].entries()) await store.append(`t-${i}`, 'no_stream', [{ type: 'Tip', data: { village: v } }]);
    const projector = countingProjector('p-atomic', { failOnce: 'poison' });
    await expect(projector.catchUp()).rejects.toThrow('read model write failed');
    // The batch wrote rows for a and b before failing; they were rolled back with it.
    expect(await counts()).toEqual({});
    expect(await projector.checkpoint()).toEqual(ALL_START);
    await projector.catchUp();
    expect(await counts()).toEqual({ a: 1, b: 1, poison: 1, c: 1 });
    // Running again applies nothing twice.
    await projector.catchUp();
    expect(await counts()).toEqual({ a: 1, b: 1, poison: 1, c: 1 });
  });

  it('resumes from its stored checkpoint after a restart, applying each event once', async () => {
    for (let i = 0; i < 5; i++) await store.append(`r-${i}`, 'no_stream', [{ type: 'Tip', data: { village: 'x' } }]);
    await countingProjector('p-restart').catchUp();
    for (let i = 5; i < 8; i++) await store.append(`r-${i}`, 'no_stream', [{ type: 'Tip', data: { village: 'x' } }]);
    await countingProjector('p-restart').catchUp(); // a new instance: state comes from the database
    expect(await counts()).toEqual({ x: 8 });
  });

  it('runs on one replica only; the other takes over when it stops', async () => {
    const logA: string[] = [];
    const logB: string[] = [];
    const a = countingProjector('p-lead', { leader: true, log: logA });
    const b = countingProjector('p-lead', { leader: true, log: logB });
    await a.start();
    await waitFor(() => a.isLeader(), 10_000, 'a leads');
    await b.start();
    try {
      for (let i = 0; i < 10; i++) await store.append(`l-${i}`, 'no_stream', [{ type: 'Tip', data: { village: 'y' } }]);
      await waitFor(async () => (await counts()).y === 10, 15_000, 'a projects');
      await sleep(300);
      expect(logB).toHaveLength(0);
      await a.stop();
      await waitFor(() => b.isLeader(), 10_000, 'b takes over');
      for (let i = 10; i < 15; i++) await store.append(`l-${i}`, 'no_stream', [{ type: 'Tip', data: { village: 'y' } }]);
      await waitFor(async () => (await counts()).y === 15, 15_000, 'b projects');
      expect(logA).toHaveLength(10);
      expect(logB).toHaveLength(5);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);

  it('survives its batch connection being terminated mid-transaction (a database restart): the batch fails, the next applies it', async () => {
    await store.append('k-0', 'no_stream', [{ type: 'Tip', data: { village: 'k' } }]);
    let killed = false;
    const projector = new Projector({
      pool,
      name: 'p-killed',
      leader: false,
      onError: quiet,
      handle: async (events, tx) => {
        if (!killed) {
          killed = true;
          // Terminated from another session while this one sits idle in its transaction: the
          // client emits 'error' with no query to reject, which would crash an unlistening process.
          const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await db.pool().query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
          await sleep(200);
        }
        for (const e of events) await tx.query('INSERT INTO tip_counts VALUES ($1, 1) ON CONFLICT (village) DO UPDATE SET n = tip_counts.n + 1', [e.data.village]);
      },
    });
    await expect(projector.catchUp()).rejects.toThrow();
    await projector.catchUp();
    expect(await counts()).toEqual({ k: 1 });
  });
});

describe('Projector.waitPast (read-your-writes)', () => {
  beforeEach(async () => {
    await pool.query('TRUNCATE tip_counts, events, checkpoints');
  });

  it("returns once the read model has applied the caller's transaction, and waits while an older open one holds read-all back", async () => {
    const projector = countingProjector('p-ryw');
    const { txId } = await store.append('ryw-1', 'no_stream', [{ type: 'Tip', data: { village: 'a' } }]);
    expect(await projector.waitPast(txId)).toBe(true);
    expect(await counts()).toEqual({ a: 1 });

    // An older transaction with an id, still open: the later commit is held back (gap-safe read-all).
    const older = await pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      const later = await store.append('ryw-2', 'no_stream', [{ type: 'Tip', data: { village: 'b' } }]);
      expect(await projector.waitPast(later.txId, 300)).toBe(false);
      expect(await counts()).toEqual({ a: 1 });
      await older.query('COMMIT');
      expect(await projector.waitPast(later.txId)).toBe(true);
      expect(await counts()).toEqual({ a: 1, b: 1 });
    } finally {
      older.release();
    }
    expect(await projector.waitPast(null)).toBe(true);
  });
});

describe('Projector.waitPast with its loop running', () => {
  beforeEach(async () => {
    await pool.query('TRUNCATE tip_counts, events, checkpoints');
  });

  it('wakes the loop instead of applying batches itself, and returns once the loop has applied the write', async () => {
    const projector = countingProjector('p-ryw-loop');
    const batch = jest.spyOn(projector, 'processBatch');
    await projector.start();
    try {
      const writes = await Promise.all(['a', 'b', 'c'].map((v, i) => store.append(`loop-${i}`, 'no_stream', [{ type: 'Tip', data: { village: v } }])));
      const before = batch.mock.calls.length;
      expect(await Promise.all(writes.map((w) => projector.waitPast(w.txId)))).toEqual([true, true, true]);
      expect(await counts()).toEqual({ a: 1, b: 1, c: 1 });
      // The three waiters did not each run a batch: the loop's own steps applied them.
      expect(batch.mock.calls.length - before).toBeLessThanOrEqual(3);
    } finally {
      await projector.stop();
    }
  });
});
