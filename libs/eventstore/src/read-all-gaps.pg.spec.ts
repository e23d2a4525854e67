import type { Pool, PoolClient } from 'pg';
import { createTestDatabase, sleep, TestDatabase, waitFor } from '@lw/testing';
import { EventStore } from './event-store';
import { ALL_START, StoredEvent } from './event.types';
import { Projector } from './projector';
import { createStoreDatabase } from './test-store';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  ({ db, pool, store } = await createStoreDatabase('es_gaps', 40));
});
afterAll(() => db.drop());
// Each case counts what its projector sees from the start of the log.
beforeEach(() => pool.query('TRUNCATE events, checkpoints'));

const ev = (type: string, data: unknown = {}) => ({ type, data });

async function begin(): Promise<PoolClient> {
  const c = await pool.connect();
  await c.query('BEGIN');
  return c;
}
async function finish(c: PoolClient, how: 'COMMIT' | 'ROLLBACK' = 'COMMIT') {
  await c.query(how);
  c.release();
}

/** A projector that records what it was handed, with its checkpoint kept in the database. */
function recordingProjector(name: string) {
  const seen: StoredEvent[] = [];
  const projector = new Projector({
    pool,
    name,
    leader: false,
    handle: async (events) => {
      seen.push(...events);
    },
  });
  return { projector, seen };
}

describe('read-all is gap-safe', () => {
  it('does not pass an uncommitted lower position; delivers it once its transaction commits', async () => {
    const { projector, seen } = recordingProjector('p-basic');
    const a = await begin();
    await store.append('s-a', 'no_stream', [ev('A')], { client: a });
    const b = await begin();
    await store.append('s-b', 'no_stream', [ev('B')], { client: b });
    await finish(b);
    const [evA] = (await a.query('SELECT position::text AS p FROM events WHERE stream_id = $1', ['s-a'])).rows;
    const [evB] = (await pool.query('SELECT position::text AS p FROM events WHERE stream_id = $1', ['s-b'])).rows;
    expect(BigInt(evA.p)).toBeLessThan(BigInt(evB.p));

    // B committed with the higher position, A is still open: a `position > checkpoint` reader
    // would deliver B now and then never see A.
    await projector.catchUp();
    expect(seen).toHaveLength(0);
    expect(await projector.checkpoint()).toEqual(ALL_START);

    await finish(a);
    await waitFor(async () => (await projector.catchUp(), seen.length === 2), 20_000, 'both events');
    expect(seen.map((e) => e.type)).toEqual(['A', 'B']);
    await projector.catchUp();
    expect(seen).toHaveLength(2);
  });

  it('handles a lower xid that takes a higher position (why position order + xmin guard is not enough)', async () => {
    const { projector, seen } = recordingProjector('p-xid-order');
    const b = await begin();
    await b.query('SELECT pg_current_xact_id()'); // B gets the lower transaction id
    const a = await begin();
    await store.append('x-a', 'no_stream', [ev('A')], { client: a }); // A: higher xid, lower position
    await store.append('x-b', 'no_stream', [ev('B')], { client: b }); // B: lower xid, higher position
    await finish(b);

    // B is below xmin and may be delivered; A (position lower than B's) must still come later.
    await waitFor(async () => (await projector.catchUp(), seen.length === 1), 20_000, 'event B');
    expect(seen[0].type).toBe('B');
    await finish(a);
    await waitFor(async () => (await projector.catchUp(), seen.length === 2), 20_000, 'event A');
    expect(seen.map((e) => e.type)).toEqual(['B', 'A']);
    expect(BigInt(seen[1].position)).toBeLessThan(BigInt(seen[0].position));
  });

  it('is not held back by an open transaction in another database', async () => {
    const { projector, seen } = recordingProjector('p-foreign');
    const other = await createTestDatabase('es_gaps_other');
    const foreign = await other.pool(undefined, 1).connect();
    try {
      await foreign.query('BEGIN');
      await foreign.query('SELECT pg_current_xact_id()'); // an old xid, but not this database's
      await store.append('f-a', 'no_stream', [ev('A')]);
      await waitFor(async () => (await projector.catchUp(), seen.length === 1), 20_000, 'the event');
      const { rows } = await pool.query(
        'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, (SELECT tx_id::text FROM events WHERE stream_id = $1) AS tx',
        ['f-a'],
      );
      expect(BigInt(rows[0].tx)).toBeGreaterThan(BigInt(rows[0].xmin)); // plain xmin would still wait
      await foreign.query('ROLLBACK');
    } finally {
      foreign.release();
      await other.drop();
    }
  });

  it('never delivers a rolled-back event and does not wait for it', async () => {
    const { projector, seen } = recordingProjector('p-rollback');
    const a = await begin();
    await store.append('r-a', 'no_stream', [ev('Doomed')], { client: a });
    await store.append('r-b', 'no_stream', [ev('Kept')]);
    await finish(a, 'ROLLBACK');
    await waitFor(async () => (await projector.catchUp(), seen.length === 1), 20_000, 'the kept event');
    expect(seen[0].type).toBe('Kept');
  });

  it('sees every event exactly once under many parallel appends with random commit delays', async () => {
    const seen: StoredEvent[] = [];
    const projector = new Projector({
      pool,
      name: 'p-concurrent',
      batchSize: 7,
      pollIntervalMs: 5,
      handle: async (events, tx) => {
        // The read-model write commits with the checkpoint: a duplicate would violate the key.
        for (const e of events) await tx.query('INSERT INTO seen_events (event_id) VALUES ($1)', [e.id]);
        seen.push(...events);
      },
    });
    await pool.query('CREATE TABLE seen_events (event_id uuid PRIMARY KEY)');
    await projector.start();
    expect(projector.isLeader()).toBe(true);

    const committed = new Set<string>();
    const writer = async (w: number) => {
      for (let i = 0; i < 12; i++) {
        const c = await begin();
        const stream = `conc-${w}`; // one stream per writer: commits interleave across streams, never collide
        const id = crypto.randomUUID();
        try {
          await store.append(stream, 'any', [ev('E', { w, i })].map((e) => ({ ...e, id })), { client: c });
          await sleep(Math.random() * 15);
          if ((w + i) % 9 === 0) {
            await finish(c, 'ROLLBACK');
          } else {
            await finish(c);
            committed.add(id);
          }
        } catch (err) {
          await finish(c, 'ROLLBACK');
          throw err;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 24 }, (_, w) => writer(w)));
      expect(committed.size).toBeGreaterThan(200);
      await waitFor(() => seen.length >= committed.size, 30_000, 'all committed events');
      await sleep(100);
    } finally {
      await projector.stop();
    }
    expect(seen).toHaveLength(committed.size);
    expect(new Set(seen.map((e) => e.id))).toEqual(committed);
    // Per-stream order holds in the read-all order.
    const lastVersion = new Map<string, number>();
    for (const e of seen) {
      expect(e.streamVersion).toBe((lastVersion.get(e.streamId) ?? 0) + 1);
      lastVersion.set(e.streamId, e.streamVersion);
    }
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM seen_events');
    expect(rows[0].n).toBe(committed.size);
  });

  it('pages through readAll with next as the cursor', async () => {
    for (let i = 0; i < 35; i++) await store.append(`page-${i % 4}`, 'any', [ev('P', { i })]);
    const all: StoredEvent[] = [];
    let cursor = ALL_START;
    for (;;) {
      const page = await store.readAll(cursor, 10);
      if (page.events.length === 0) break;
      all.push(...page.events);
      cursor = page.next;
    }
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM events');
    expect(rows[0].n).toBe(35);
    expect(all).toHaveLength(35);
    expect(all.map((e) => e.data.i)).toEqual(Array.from({ length: 35 }, (_, i) => i));
    expect(new Set(all.map((e) => e.position)).size).toBe(all.length);
  });

  it('pages in numeric order through one transaction whose positions gain a digit (9 → 10), skipping none', async () => {
    await pool.query(`SELECT setval(pg_get_serial_sequence('events', 'position'), 1, false)`);
    await store.append('digits', 'no_stream', Array.from({ length: 25 }, (_, i) => ev('D', { i })));
    const all: StoredEvent[] = [];
    let cursor = ALL_START;
    for (let page = await store.readAll(cursor, 4); page.events.length > 0; page = await store.readAll(cursor, 4)) {
      all.push(...page.events);
      cursor = page.next;
    }
    expect(all.map((e) => Number(e.position))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});
