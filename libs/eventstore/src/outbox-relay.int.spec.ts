import { spawn } from 'child_process';
import type { Pool } from 'pg';
import { newEnvelope, type IntegrationEvent } from '@lw/domain';
import { sleep, waitFor, type TestDatabase } from '@lw/testing';
import { EventStore } from './event-store';
import { OutboxRelay } from './outbox-relay';
import { createStoreDatabase } from './test-store';
import { WrongExpectedVersionError } from './wrong-expected-version.error';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  ({ db, pool, store } = await createStoreDatabase('es_relay', 20));
});
afterAll(() => db.drop());

beforeEach(async () => {
  await pool.query('TRUNCATE outbox, events');
});

const envelope = (n: number): IntegrationEvent =>
  newEnvelope({ type: 'tipline.TipReceived', version: 1, producer: 'tipline', villageCode: '320724101200', actor: null, payload: { n } });

async function appendWithEvent(n: number): Promise<IntegrationEvent> {
  const e = envelope(n);
  await store.append(`tip-${n}`, 'no_stream', [{ type: 'TipReceived', data: { n } }], { integrationEvents: [e] });
  return e;
}

const unsent = async () => Number((await pool.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0].n);
const quiet = () => undefined;

describe('transactional outbox', () => {
  it('holds an integration event exactly when its append committed', async () => {
    await appendWithEvent(1);
    expect((await pool.query('SELECT envelope FROM outbox')).rows).toHaveLength(1);

    // Conflict: nothing of the failed append reaches the outbox.
    await expect(
      store.append('tip-1', 'no_stream', [{ type: 'TipReceived', data: {} }], { integrationEvents: [envelope(2)] }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);

    // Rolled back with the caller's transaction: neither event nor outbox row.
    const tx = await pool.connect();
    await tx.query('BEGIN');
    await store.append('tip-3', 'no_stream', [{ type: 'TipReceived', data: {} }], { integrationEvents: [envelope(3)], client: tx });
    await tx.query('ROLLBACK');
    tx.release();

    const { rows } = await pool.query<{ n: number }>(`SELECT (envelope->'payload'->>'n')::int AS n FROM outbox`);
    expect(rows.map((r) => r.n)).toEqual([1]);
    expect((await pool.query(`SELECT 1 FROM events WHERE stream_id = 'tip-3'`)).rowCount).toBe(0);
  });

  it('is published only by the relay: append itself never publishes', async () => {
    const published: IntegrationEvent[] = [];
    const relay = new OutboxRelay({ pool, publish: async (es) => void published.push(...es), onError: quiet });
    await appendWithEvent(1);
    expect(published).toHaveLength(0);
    expect(await relay.drainOnce()).toBe(1);
    expect(published).toHaveLength(1);
    expect(await unsent()).toBe(0);
  });
});

describe('outbox relay', () => {
  it('marks rows sent only after publish resolved; a failed publish leaves them for the next try', async () => {
    await appendWithEvent(1);
    let fail = true;
    const relay = new OutboxRelay({
      pool,
      publish: async () => {
        if (fail) throw new Error('broker unavailable');
      },
      onError: quiet,
    });
    await expect(relay.drainOnce()).rejects.toThrow('broker unavailable');
    const { rows } = await pool.query('SELECT sent_at, attempts, last_error FROM outbox');
    expect(rows[0]).toMatchObject({ sent_at: null, attempts: 1, last_error: 'broker unavailable' });
    fail = false;
    expect(await relay.drainOnce()).toBe(1);
    expect(await unsent()).toBe(0);
  });

  it('publishes the same envelope again when it died between publishing and marking sent', async () => {
    const e = await appendWithEvent(1);
    const seen: string[] = [];
    // The first relay's publish reaches the broker, then the process "dies" before the mark.
    const dying = new OutboxRelay({
      pool,
      publish: async (es) => {
        seen.push(...es.map((x) => x.id));
        throw new Error('process killed after publish');
      },
      onError: quiet,
    });
    await expect(dying.drainOnce()).rejects.toThrow();
    expect(await unsent()).toBe(1);
    const successor = new OutboxRelay({ pool, publish: async (es) => void seen.push(...es.map((x) => x.id)), onError: quiet });
    expect(await successor.drainOnce()).toBe(1);
    expect(seen).toEqual([e.id, e.id]);
    expect(await unsent()).toBe(0);
  });

  it('wakes on NOTIFY: a running relay publishes an append without waiting for its poll', async () => {
    const published: IntegrationEvent[] = [];
    const relay = new OutboxRelay({ pool, publish: async (es) => void published.push(...es), pollIntervalMs: 60_000, onError: quiet });
    await relay.start();
    try {
      await waitFor(() => relay.isLeader(), 10_000, 'leadership');
      await sleep(200);
      const e = await appendWithEvent(7);
      await waitFor(() => published.some((p) => p.id === e.id), 5_000, 'the notified publish');
    } finally {
      await relay.stop();
    }
  });

  describe('with two replicas', () => {
    function replica(name: string, log: { relay: string; id: string }[]) {
      return new OutboxRelay({
        pool,
        name: 'shared',
        publish: async (es) => void log.push(...es.map((e) => ({ relay: name, id: e.id }))),
        pollIntervalMs: 50,
        leaseRetryMs: 200,
        onError: quiet,
      });
    }

    it('only one publishes; when it stops the other takes over and publishes the rest, each event once', async () => {
      const log: { relay: string; id: string }[] = [];
      const a = replica('a', log);
      const b = replica('b', log);
      await Promise.all([a.start(), b.start()]);
      try {
        await waitFor(() => a.isLeader() || b.isLeader(), 10_000, 'a leader');
        expect(a.isLeader() && b.isLeader()).toBe(false);
        const first = await Promise.all(Array.from({ length: 40 }, (_, i) => appendWithEvent(i)));
        await waitFor(async () => (await unsent()) === 0, 15_000, 'first batch published');
        const leader = a.isLeader() ? 'a' : 'b';
        expect(new Set(log.map((l) => l.relay))).toEqual(new Set([leader]));

        await (leader === 'a' ? a : b).stop();
        const t0 = Date.now();
        const second = await Promise.all(Array.from({ length: 40 }, (_, i) => appendWithEvent(100 + i)));
        await waitFor(async () => (await unsent()) === 0, 15_000, 'takeover');
        expect(Date.now() - t0).toBeLessThan(10_000);
        const follower = leader === 'a' ? 'b' : 'a';
        const ids = [...first, ...second].map((e) => e.id);
        expect(log.map((l) => l.id).sort()).toEqual(ids.sort());
        expect(log.filter((l) => second.some((e) => e.id === l.id)).every((l) => l.relay === follower)).toBe(true);
      } finally {
        await a.stop();
        await b.stop();
      }
    }, 60_000);

    it('survives the leader losing its database session (killed): one leader again, every event published once', async () => {
      const log: { relay: string; id: string }[] = [];
      const a = replica('a', log);
      const b = replica('b', log);
      await a.start();
      await waitFor(() => a.isLeader(), 10_000, 'a leads');
      await b.start();
      try {
        await sleep(500);
        expect(b.isLeader()).toBe(false);
        // Kill the session that holds a's advisory lock, as a crashed node or a network cut would.
        const { rows } = await pool.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        expect(rows.length).toBeGreaterThan(0);
        await pool.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((r) => r.pid)]);
        // The lock died with the session. Whichever replica takes it next (a reconnects, b retries)
        // becomes the only leader; a must have stopped publishing in between.
        await sleep(300);
        await waitFor(() => a.isLeader() !== b.isLeader(), 10_000, 'exactly one leader');
        const events = await Promise.all(Array.from({ length: 20 }, (_, i) => appendWithEvent(200 + i)));
        await waitFor(async () => (await unsent()) === 0, 15_000, 'published after failover');
        const published = log.map((l) => l.id);
        expect(published.sort()).toEqual(events.map((e) => e.id).sort());
        expect(a.isLeader() && b.isLeader()).toBe(false);
      } finally {
        await a.stop();
        await b.stop();
      }
    }, 60_000);
  });
});

describe('outbox relay across processes', () => {
  // The active relay runs in another process and is killed with SIGKILL, as a crashed replica is:
  // its session ends, the lock goes with it, and the relay here takes over within seconds.
  it('takes over when the active replica process is killed, publishing every event exactly once', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS published (relay text NOT NULL, event_id uuid NOT NULL)');
    const childCode = `
      const { createPool } = require('@lw/db');
      const { OutboxRelay } = require('@lw/eventstore');
      const pool = createPool({ url: process.env.URL, schema: 'svc' });
      const relay = new OutboxRelay({ pool, name: 'xproc', pollIntervalMs: 50, leaseRetryMs: 200, onError: () => undefined,
        publish: async (es) => { for (const e of es) await pool.query("INSERT INTO published VALUES ('child', $1)", [e.id]); } });
      relay.start().then(() => { const t = setInterval(() => { if (relay.isLeader()) { console.log('LEADER'); clearInterval(t); } }, 50); });`;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', childCode], {
      cwd: `${__dirname}/../../..`,
      env: { ...process.env, URL: db.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d) => String(d).includes('LEADER') && resolve());
        child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      const here = new OutboxRelay({
        pool,
        name: 'xproc',
        pollIntervalMs: 50,
        leaseRetryMs: 200,
        onError: quiet,
        publish: async (es) => {
          for (const e of es) await pool.query(`INSERT INTO published VALUES ('here', $1)`, [e.id]);
        },
      });
      await here.start();
      try {
        expect(here.isLeader()).toBe(false);
        const first = await Promise.all(Array.from({ length: 10 }, (_, i) => appendWithEvent(300 + i)));
        await waitFor(async () => (await unsent()) === 0, 15_000, 'child publishes');
        child.kill('SIGKILL');
        const t0 = Date.now();
        await waitFor(() => here.isLeader(), 10_000, 'takeover');
        const second = await Promise.all(Array.from({ length: 10 }, (_, i) => appendWithEvent(400 + i)));
        await waitFor(async () => (await unsent()) === 0, 15_000, 'published after takeover');
        expect(Date.now() - t0).toBeLessThan(10_000);
        const { rows } = await pool.query<{ relay: string; event_id: string }>('SELECT relay, event_id FROM published');
        const by = (relay: string) => rows.filter((r) => r.relay === relay).map((r) => r.event_id).sort();
        expect(by('child')).toEqual(first.map((e) => e.id).sort());
        expect(by('here')).toEqual(second.map((e) => e.id).sort());
      } finally {
        await here.stop();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
