import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { confidentialMigrations } from '../confidential/confidential.migrations';
import { DEFAULT_LIMITS, PgAttemptLimiter } from './pg-attempt-limiter';

const SCHEMA = 'tipline';
let db: TestDatabase;
let pool: Pool;
let limiter: PgAttemptLimiter;

beforeAll(async () => {
  db = await createTestDatabase('tl_limiter');
  pool = db.pool(SCHEMA, 25);
  await migrate(pool, SCHEMA, confidentialMigrations);
  limiter = new PgAttemptLimiter(pool);
});
afterAll(() => db.drop());

let n = 0;
/** Fresh key names per test, so tests do not share counters. */
const fresh = (what: string) => `${what}-${++n}`;
const row = async (key: string) =>
  (await pool.query<{ attempts: number; failures: number; locked: boolean }>(
    'SELECT attempts, failures, locked_until > now() AS locked FROM receipt_attempts WHERE key = $1',
    [key],
  )).rows[0];
/** Stands in for the passing of time: moves a key's window and lock into the past. */
const age = (key: string, seconds: number) =>
  pool.query(
    `UPDATE receipt_attempts SET window_start = window_start - $2::int * interval '1 second',
       locked_until = locked_until - $2::int * interval '1 second' WHERE key = $1`,
    [key, seconds],
  );

/** One guess: attempt, and if allowed, a failure. Returns the verdict of the attempt. */
async function wrongGuess(keys: { client: string; code?: string }) {
  const verdict = await limiter.attempt(keys);
  if (verdict.allowed) await limiter.failure(keys);
  return verdict;
}

describe('PgAttemptLimiter', () => {
  it('stops brute force from one client after 10 failures, for 30 minutes', async () => {
    const client = fresh('ip');
    const verdicts = [];
    for (let i = 0; i < 15; i++) verdicts.push(await wrongGuess({ client, code: fresh('guess') }));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    expect(verdicts.slice(0, 10).every((v) => v.allowed)).toBe(true);
    const blocked = verdicts[10];
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) {
      expect(blocked.retryAfterSeconds).toBeGreaterThan(29 * 60);
      expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(30 * 60);
    }
    // A guess without a parsable code is still counted against the client.
    expect((await limiter.attempt({ client })).allowed).toBe(false);
    expect(await row(`client:${client}`)).toMatchObject({ failures: 10, locked: true });
  });

  it('caps one client at 30 lookups per 10 minutes even when all succeed', async () => {
    const client = fresh('ip');
    const code = fresh('code');
    for (let i = 0; i < 30; i++) {
      expect(await limiter.attempt({ client, code })).toEqual({ allowed: true });
      await limiter.success({ client, code });
    }
    const v = await limiter.attempt({ client, code });
    expect(v.allowed).toBe(false);
    if (!v.allowed) expect(v.retryAfterSeconds).toBeLessThanOrEqual(10 * 60);
    // Once the window is over the client may look again.
    await age(`client:${client}`, 10 * 60);
    expect(await limiter.attempt({ client, code })).toEqual({ allowed: true });
  });

  it('marks a code locked for an hour after 5 failures from many clients, without refusing the attempt', async () => {
    const code = fresh('code');
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push(await wrongGuess({ client: fresh('ip'), code }));
    expect(verdicts).toEqual(Array(5).fill({ allowed: true }));
    // The holder of the right code must still get in: the lock is reported, not enforced here.
    const next = await limiter.attempt({ client: fresh('ip'), code });
    expect(next.allowed).toBe(true);
    if (next.allowed) {
      expect(next.codeLockedFor).toBeGreaterThan(59 * 60);
      expect(next.codeLockedFor).toBeLessThanOrEqual(60 * 60);
    }
    // Other codes are not affected.
    expect(await limiter.attempt({ client: fresh('ip'), code: fresh('code') })).toEqual({ allowed: true });
  });

  it('refuses a locked client whatever the code, and asks it to wait for its own lock', async () => {
    const client = fresh('ip');
    const code = fresh('code');
    for (let i = 0; i < 10; i++) await wrongGuess({ client, code: fresh('guess') });
    for (let i = 0; i < 5; i++) await wrongGuess({ client: fresh('ip'), code });
    const v = await limiter.attempt({ client, code });
    expect(v.allowed).toBe(false);
    if (!v.allowed) {
      expect(v.retryAfterSeconds).toBeGreaterThan(29 * 60);
      expect(v.retryAfterSeconds).toBeLessThanOrEqual(30 * 60);
    }
  });

  it('a success clears the code’s lock as well as its failures', async () => {
    const code = fresh('code');
    for (let i = 0; i < 5; i++) await wrongGuess({ client: fresh('ip'), code });
    expect(await row(`code:${code}`)).toMatchObject({ locked: true });
    await limiter.success({ client: fresh('ip'), code });
    expect(await row(`code:${code}`)).toMatchObject({ failures: 0, locked: null });
    expect(await limiter.attempt({ client: fresh('ip'), code })).toEqual({ allowed: true });
  });

  it('lets a key in again once its lock has expired', async () => {
    const client = fresh('ip');
    for (let i = 0; i < 10; i++) await wrongGuess({ client });
    expect((await limiter.attempt({ client })).allowed).toBe(false);
    await age(`client:${client}`, 29 * 60);
    expect((await limiter.attempt({ client })).allowed).toBe(false);
    await age(`client:${client}`, 60);
    expect(await limiter.attempt({ client })).toEqual({ allowed: true });
    // The failure window ended long before the lock: the client starts with a clean count.
    expect(await row(`client:${client}`)).toMatchObject({ failures: 0, locked: false });
  });

  it('after a code lock expires, one more wrong guess within the day locks it again', async () => {
    const code = fresh('code');
    for (let i = 0; i < 5; i++) await wrongGuess({ client: fresh('ip'), code });
    await age(`code:${code}`, 60 * 60);
    expect(await wrongGuess({ client: fresh('ip'), code })).toEqual({ allowed: true });
    expect(await limiter.attempt({ client: fresh('ip'), code })).toMatchObject({ allowed: true, codeLockedFor: expect.any(Number) });
  });

  it('a success clears the code’s failures but not the client’s', async () => {
    const client = fresh('ip');
    const code = fresh('code');
    for (let i = 0; i < 4; i++) await wrongGuess({ client, code });
    expect((await limiter.attempt({ client, code })).allowed).toBe(true);
    await limiter.success({ client, code });
    expect(await row(`code:${code}`)).toMatchObject({ failures: 0 });
    expect(await row(`client:${client}`)).toMatchObject({ failures: 4 });
    // Without the reset the fifth failure below would lock the code.
    for (let i = 0; i < 4; i++) expect((await wrongGuess({ client: fresh('ip'), code })).allowed).toBe(true);
    expect((await limiter.attempt({ client: fresh('ip'), code })).allowed).toBe(true);
  });

  it('counts 50 concurrent failures as 50 on both keys (no lost updates)', async () => {
    const client = fresh('ip');
    const code = fresh('code');
    await Promise.all(Array.from({ length: 50 }, () => limiter.failure({ client, code })));
    expect(await row(`client:${client}`)).toMatchObject({ failures: 50, locked: true });
    expect(await row(`code:${code}`)).toMatchObject({ failures: 50, locked: true });
  });

  it('admits exactly 30 of 50 concurrent lookups from one client', async () => {
    const client = fresh('ip');
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => limiter.attempt({ client, code: fresh('code') })));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(30);
    expect(await row(`client:${client}`)).toMatchObject({ attempts: 50 });
  });

  it('follows a custom policy', async () => {
    const strict = new PgAttemptLimiter(pool, {
      client: { maxAttempts: 2, maxFailures: 1, windowSeconds: 60, lockSeconds: 120 },
      code: { maxAttempts: null, maxFailures: 1, windowSeconds: 60, lockSeconds: 300 },
    });
    const client = fresh('ip');
    expect(await strict.attempt({ client })).toEqual({ allowed: true });
    await strict.failure({ client });
    const v = await strict.attempt({ client });
    expect(v.allowed).toBe(false);
    if (!v.allowed) expect(v.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('stores keys as given with a client: / code: prefix, and prunes finished rows', async () => {
    const client = fresh('ip');
    const code = fresh('code');
    await limiter.attempt({ client, code });
    expect(await row(`client:${client}`)).toBeDefined();
    expect(await row(`code:${code}`)).toBeDefined();
    const locked = fresh('ip');
    for (let i = 0; i < 10; i++) await wrongGuess({ client: locked });
    await age(`client:${client}`, DEFAULT_LIMITS.code.windowSeconds);
    await age(`code:${code}`, DEFAULT_LIMITS.code.windowSeconds);
    expect(await limiter.prune()).toBeGreaterThanOrEqual(2);
    expect(await row(`client:${client}`)).toBeUndefined();
    expect(await row(`code:${code}`)).toBeUndefined();
    expect(await row(`client:${locked}`)).toMatchObject({ locked: true });
  });
});
