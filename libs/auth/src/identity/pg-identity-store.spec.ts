import { migrate } from '@lw/db';
// Test-only dependency on the shared test harness (real PostgreSQL); see the report on the lint rule.
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import type { Pool } from 'pg';
import { authMigrations } from '../auth.migrations';
import { seedDemoAccounts } from './demo-accounts';
import { InvalidUserError, UsernameTakenError } from './identity-store';
import { PgIdentityStore } from './pg-identity-store';

describe('PgIdentityStore (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PgIdentityStore;

  beforeAll(async () => {
    db = await createTestDatabase('auth_store');
    pool = db.pool('auth', 12);
    await migrate(pool, 'auth', authMigrations);
    store = new PgIdentityStore(pool, { maxFailures: 3, lockMinutes: 15 });
  });

  afterAll(() => db.drop());

  const user = (username: string) => ({
    username,
    displayName: '测试用户',
    password: 'correct horse',
    roles: ['township' as const],
    node: '320724101',
  });

  it('creates users, finds them, and never returns the hash', async () => {
    const u = await store.createUser(user('alice'));
    expect(u).toMatchObject({ username: 'alice', roles: ['township'], node: '320724101', dept: null, disabled: false });
    expect(await store.findById(u.id)).toEqual(u);
    expect(await store.findByUsername('alice')).toEqual(u);
    expect(JSON.stringify(u)).not.toContain('scrypt');
    expect(await store.findById('not-a-uuid')).toBeNull();
  });

  it('refuses duplicate usernames, unknown roles, bad nodes and short passwords', async () => {
    await store.createUser(user('bob'));
    await expect(store.createUser(user('bob'))).rejects.toBeInstanceOf(UsernameTakenError);
    await expect(store.createUser({ ...user('c1'), roles: ['boss' as never] })).rejects.toBeInstanceOf(InvalidUserError);
    await expect(store.createUser({ ...user('c2'), node: '3207241' })).rejects.toBeInstanceOf(InvalidUserError);
    await expect(store.createUser({ ...user('c3'), password: 'short' })).rejects.toBeInstanceOf(InvalidUserError);
  });

  it('verifies passwords; an unknown user and a wrong password give the same answer', async () => {
    await store.createUser(user('carol'));
    const ok = await store.verifyPassword('carol', 'correct horse');
    expect(ok.ok).toBe(true);
    expect(await store.verifyPassword('carol', 'wrong horse')).toEqual({ ok: false, reason: 'invalid' });
    expect(await store.verifyPassword('nobody', 'wrong horse')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks after maxFailures consecutive failures, even for the right password, until the lock expires', async () => {
    await store.createUser(user('dave'));
    expect((await store.verifyPassword('dave', 'x1')).ok).toBe(false);
    expect((await store.verifyPassword('dave', 'x2'))).toEqual({ ok: false, reason: 'invalid' });
    const third = await store.verifyPassword('dave', 'x3');
    expect(third).toMatchObject({ ok: false, reason: 'locked' });
    const until = (third as { lockedUntil: Date }).lockedUntil.getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(await store.verifyPassword('dave', 'correct horse')).toMatchObject({ ok: false, reason: 'locked' });
    // Time passes (moved in the database, whose clock the lock uses).
    await pool.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'dave'`);
    expect((await store.verifyPassword('dave', 'correct horse')).ok).toBe(true);
  });

  it('a success resets the failure count', async () => {
    await store.createUser(user('erin'));
    await store.verifyPassword('erin', 'bad');
    await store.verifyPassword('erin', 'bad');
    expect((await store.verifyPassword('erin', 'correct horse')).ok).toBe(true);
    await store.verifyPassword('erin', 'bad');
    await store.verifyPassword('erin', 'bad');
    expect((await store.verifyPassword('erin', 'correct horse')).ok).toBe(true);
  });

  it('parallel guesses get exactly maxFailures tries, and the right password is then refused', async () => {
    await store.createUser(user('frank'));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.verifyPassword('frank', `guess-${i}`)));
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    // Tickets 1..2 fail, ticket 3 fails and locks, tickets 4..10 are refused without hashing.
    expect(reasons.filter((r) => r === 'invalid')).toHaveLength(2);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(8);
    expect(await store.verifyPassword('frank', 'correct horse')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('tells a disabled account apart only after the right password', async () => {
    const u = await store.createUser(user('gina'));
    await store.setDisabled(u.id, true);
    expect(await store.verifyPassword('gina', 'bad password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await store.verifyPassword('gina', 'correct horse')).toEqual({ ok: false, reason: 'disabled' });
  });

  it('seeds one demo account per role, idempotently and safely in parallel', async () => {
    const scope = { countyCode: '320724', townshipCode: '320724101', villageCode: '320724101200', password: 'demo-pass-1' };
    const [a, b] = await Promise.all([seedDemoAccounts(store, scope), seedDemoAccounts(store, scope)]);
    expect(a).toEqual(b);
    expect(a.map((x) => x.role).sort()).toEqual(
      ['admin', 'auditor', 'civil_affairs', 'discipline', 'liaison', 'org_dept', 'review_dept', 'township'].sort(),
    );
    expect(a.find((x) => x.role === 'township')?.node).toBe('320724101');
    expect(a.find((x) => x.role === 'liaison')?.node).toBe('320724101200');
    // A changed password is kept on the next start.
    await seedDemoAccounts(store, { ...scope, password: 'another-pass' });
    expect((await store.verifyPassword('liaison', 'demo-pass-1')).ok).toBe(true);
    expect((await store.verifyPassword('review_dept', 'demo-pass-1')) as { user: { dept: string } }).toMatchObject({ user: { dept: 'public_security' } });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM users WHERE username = 'township'`);
    expect(rows[0].n).toBe(1);
  });
});
