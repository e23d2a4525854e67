import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import { createPool, migrate } from '@lw/db';
import { createTestDatabase, sleep, TestDatabase, waitFor } from '@lw/testing';
import { jobSchedulerContract } from '../jobs.contract';
import type { JobLogger } from '../job-logger';
import { jobsMigrations } from './jobs.migrations';
import { PgJobScheduler, PgJobSchedulerOptions } from './pg-job-scheduler';

const quiet: JobLogger = { warn: () => undefined, error: () => undefined };

let db: TestDatabase;
let schemaSeq = 0;

beforeAll(async () => {
  db = await createTestDatabase('jobs');
});
afterAll(async () => {
  await db.drop();
});

/** A fresh schema per test; each scheduler gets its own pool, as a separate process would. */
async function freshSchema(): Promise<{ schema: string; pools: Pool[]; pool(): Pool; end(): Promise<void> }> {
  const schema = `jobs_${++schemaSeq}`;
  const pools: Pool[] = [];
  const pool = () => {
    const p = createPool({ url: db.url, schema, max: 3 });
    pools.push(p);
    return p;
  };
  await migrate(pool(), schema, jobsMigrations);
  return { schema, pools, pool, end: async () => void (await Promise.all(pools.map((p) => p.end()))) };
}

jobSchedulerContract('PgJobScheduler', async () => {
  const s = await freshSchema();
  return {
    newScheduler: () => new PgJobScheduler({ pool: s.pool(), pollIntervalMs: 50, logger: quiet }),
    dispose: s.end,
  };
});

describe('PgJobScheduler leases', () => {
  let s: Awaited<ReturnType<typeof freshSchema>>;
  let started: PgJobScheduler[];
  let admin: Pool;
  const make = (o: Partial<PgJobSchedulerOptions> = {}) => {
    const sch = new PgJobScheduler({ pool: s.pool(), pollIntervalMs: 50, logger: quiet, ...o });
    started.push(sch);
    return sch;
  };
  /** A row as a worker that died mid-handler leaves it: running, lease about to run out. */
  const abandoned = (id: string, attempts: number, maxAttempts: number, leaseLeftMs: number) =>
    admin.query(
      `INSERT INTO jobs (id, name, payload, state, run_at, attempts, max_attempts, backoff_ms, lock_token, locked_by, locked_until)
       VALUES ($1, 'remind', '{"n":1}', 'running', now(), $2, $3, 100, $4, 'dead-worker', now() + $5::double precision * interval '1 millisecond')`,
      [id, attempts, maxAttempts, randomUUID(), leaseLeftMs],
    );

  beforeEach(async () => {
    s = await freshSchema();
    admin = s.pool();
    started = [];
  });
  afterEach(async () => {
    await Promise.all(started.map((x) => x.stop()));
    await s.end();
  });

  it('runs again the job of a worker that died, once its lease has run out, and not before', async () => {
    await abandoned('j1', 1, 5, 600);
    const sch = make();
    const attempts: number[] = [];
    sch.register('remind', async (job) => void attempts.push(job.attempt));
    await sch.start();
    await sleep(350);
    expect(attempts).toEqual([]);
    expect((await sch.status('j1'))?.state).toBe('running');
    await waitFor(() => attempts.length === 1, 5000, 'the takeover');
    expect(attempts).toEqual([2]);
    await waitFor(async () => (await sch.status('j1'))?.state === 'done', 5000, 'done');
  });

  it('fails, without running it again, a job whose last attempt lost its lease', async () => {
    await abandoned('j2', 3, 3, 0);
    const sch = make();
    let calls = 0;
    sch.register('remind', async () => void calls++);
    await sch.start();
    await waitFor(async () => (await sch.status('j2'))?.state === 'failed', 5000, 'failed');
    expect(calls).toBe(0);
    expect((await sch.status('j2'))?.lastError).toMatch(/lease expired/);
  });

  it('keeps a long handler leased by its heartbeat, so a second instance does not run it too', async () => {
    const a = make({ leaseMs: 150 });
    const b = make({ leaseMs: 150 });
    let calls = 0;
    const slow = async () => {
      calls++;
      await sleep(800);
    };
    a.register('remind', slow);
    b.register('remind', slow);
    await a.schedule({ id: 'long', name: 'remind', runAt: new Date(), payload: null });
    await Promise.all([a.start(), b.start()]);
    await waitFor(async () => (await a.status('long'))?.state === 'done', 5000, 'done');
    expect(calls).toBe(1);
    expect((await a.status('long'))?.attempts).toBe(1);
  });

  it('does not let a worker whose lease was taken over record its outcome', async () => {
    const sch = make();
    let release!: () => void;
    sch.register('remind', () => new Promise<void>((r) => (release = r)));
    await sch.schedule({ id: 'fenced', name: 'remind', runAt: new Date(), payload: null });
    await sch.start();
    await waitFor(async () => (await sch.status('fenced'))?.state === 'running', 5000, 'running');
    // Another worker has claimed the row meanwhile (new token), as after a lease expiry.
    const other = randomUUID();
    await admin.query(`UPDATE jobs SET lock_token = $1, locked_until = now() + interval '1 hour' WHERE id = 'fenced'`, [other]);
    release();
    await sleep(300);
    const row = await admin.query(`SELECT state, lock_token FROM jobs WHERE id = 'fenced'`);
    expect(row.rows[0]).toEqual({ state: 'running', lock_token: other });
  });

  it('leaves jobs alone whose handler this instance does not have', async () => {
    const sch = make();
    sch.register('remind', async () => undefined);
    await sch.schedule({ id: 'other', name: 'escalate', runAt: new Date(), payload: null });
    await sch.start();
    await sleep(300);
    expect(await sch.status('other')).toMatchObject({ state: 'scheduled', attempts: 0 });
  });

  it('applies its migrations once even when replicas start together', async () => {
    const schema = `${s.schema}_replicas`;
    const results = await Promise.all([migrate(admin, schema, jobsMigrations), migrate(s.pool(), schema, jobsMigrations)]);
    expect(results.flat()).toEqual(['jobs/001_jobs']);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.jobs`)).rows[0].n).toBe(0);
  });
});

describe("PgJobScheduler in the caller's transaction", () => {
  it('schedules with the transaction: nothing after a rollback, the job after a commit, on no second connection', async () => {
    const s = await freshSchema();
    const pool = s.pool();
    const jobs = new PgJobScheduler({ pool, pollIntervalMs: 50, logger: quiet });
    const ran: string[] = [];
    jobs.register('remind', async (job) => void ran.push(job.id));
    try {
      const [rolledBack, committed] = [randomUUID(), randomUUID()];
      for (const [id, end] of [[rolledBack, 'ROLLBACK'], [committed, 'COMMIT']] as const) {
        const tx = await pool.connect();
        try {
          await tx.query('BEGIN');
          expect(await jobs.schedule({ id, name: 'remind', runAt: new Date(), payload: null }, tx)).toBe('scheduled');
          await tx.query(end);
        } finally {
          tx.release();
        }
      }
      expect(await jobs.status(rolledBack)).toBeNull();
      await jobs.start();
      await waitFor(() => ran.includes(committed), 10_000, 'the committed job');
      expect(ran).toEqual([committed]);
    } finally {
      await jobs.stop();
      await s.end();
    }
  });
});
