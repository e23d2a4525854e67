import { migrate } from '@lw/db';
// Test-only dependency on the shared test harness (real PostgreSQL); see the report on the lint rule.
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import type { Pool } from 'pg';
import { authMigrations } from '../auth.migrations';
import { retireDemoAccounts, seedDemoAccounts } from './demo-accounts';
import { HashingGate } from './hashing-gate';
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
    store = new PgIdentityStore(pool, {
      limits: {
        account: { maxAttempts: 3, windowSeconds: 900, lockSeconds: 900 },
        source: { maxAttempts: 10, windowSeconds: 900, lockSeconds: 900 },
      },
    });
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

  it('throttles per (username, source): the guesser is refused, the owner elsewhere logs in', async () => {
    await store.createUser(user('dave'));
    for (let i = 0; i < 3; i++) expect(await store.verifyPassword('dave', `x${i}`, '10.0.0.66')).toEqual({ ok: false, reason: 'invalid' });
    const fourth = await store.verifyPassword('dave', 'correct horse', '10.0.0.66');
    expect(fourth).toMatchObject({ ok: false, reason: 'throttled' });
    expect((fourth as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
    // No lock on the username alone: the owner, from another source, gets in.
    expect((await store.verifyPassword('dave', 'correct horse', '10.0.0.7')).ok).toBe(true);
    // The window passes (moved in the database, whose clock the limiter uses).
    await pool.query(`UPDATE login_attempts SET locked_until = now() - interval '1 second', window_start = now() - interval '1 hour'`);
    expect((await store.verifyPassword('dave', 'correct horse', '10.0.0.66')).ok).toBe(true);
  });

  it('an unknown username is throttled exactly like a known one', async () => {
    await store.createUser(user('dora'));
    const run = async (name: string) => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const r = await store.verifyPassword(name, `bad-${i}`, '10.0.1.1');
        out.push(r.ok ? 'ok' : r.reason);
      }
      return out;
    };
    const known = await run('dora');
    expect(known).toEqual(['invalid', 'invalid', 'invalid', 'throttled', 'throttled']);
    await pool.query(`DELETE FROM login_attempts`);
    expect(await run('no_such_account')).toEqual(known);
    await pool.query(`DELETE FROM login_attempts`);
  });

  it('a success gives the tries back', async () => {
    await store.createUser(user('erin'));
    await store.verifyPassword('erin', 'bad', '10.0.2.1');
    await store.verifyPassword('erin', 'bad', '10.0.2.1');
    expect((await store.verifyPassword('erin', 'correct horse', '10.0.2.1')).ok).toBe(true);
    await store.verifyPassword('erin', 'bad', '10.0.2.1');
    await store.verifyPassword('erin', 'bad', '10.0.2.1');
    expect((await store.verifyPassword('erin', 'correct horse', '10.0.2.1')).ok).toBe(true);
  });

  it('parallel guesses get exactly the allowed tries, and the right password is then refused from that source', async () => {
    await store.createUser(user('frank'));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.verifyPassword('frank', `guess-${i}`, '10.0.3.1')));
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons.filter((r) => r === 'invalid')).toHaveLength(3);
    expect(reasons.filter((r) => r === 'throttled')).toHaveLength(7);
    expect(await store.verifyPassword('frank', 'correct horse', '10.0.3.1')).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('throttles a source spraying many usernames, for every account, but no other source', async () => {
    await store.createUser(user('fay'));
    for (let i = 0; i < 10; i++) await store.verifyPassword(`spray-${i}`, 'bad', '10.0.4.1');
    expect(await store.verifyPassword('fay', 'correct horse', '10.0.4.1')).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await store.verifyPassword('fay', 'correct horse', '10.0.4.2')).ok).toBe(true);
  });

  it('keeps no source address in the attempts table', async () => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM login_attempts a WHERE a::text LIKE '%10.0.%'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a login at once (busy) while the hashing gate is full, instead of queueing without bound', async () => {
    const gate = new HashingGate(1, 0);
    const gated = new PgIdentityStore(pool, { hashing: gate });
    await gated.createUser(user('hal'));
    let release!: () => void;
    const holding = gate.run(() => new Promise<void>((r) => (release = r)));
    expect(await gated.verifyPassword('hal', 'correct horse', '10.0.5.1')).toEqual({ ok: false, reason: 'busy' });
    expect(await gated.verifyPassword('nobody-at-all', 'x', '10.0.5.1')).toEqual({ ok: false, reason: 'busy' });
    release();
    await holding;
    expect((await gated.verifyPassword('hal', 'correct horse', '10.0.5.1')).ok).toBe(true);
  });

  it('a busy refusal costs the official no try: five of them in a flood, then the right password works', async () => {
    const gate = new HashingGate(1, 0);
    // The store's own limits: 3 tries per (username, source).
    const gated = new PgIdentityStore(pool, { hashing: gate, limits: { account: { maxAttempts: 3, windowSeconds: 900, lockSeconds: 900 }, source: { maxAttempts: 10, windowSeconds: 900, lockSeconds: 900 } } });
    await gated.createUser(user('ida'));
    let release!: () => void;
    const holding = gate.run(() => new Promise<void>((r) => (release = r)));
    for (let i = 0; i < 5; i++) expect(await gated.verifyPassword('ida', 'correct horse', '10.0.6.1')).toEqual({ ok: false, reason: 'busy' });
    release();
    await holding;
    expect((await gated.verifyPassword('ida', 'correct horse', '10.0.6.1')).ok).toBe(true);
  });

  it('tells a disabled account apart only after the right password', async () => {
    const u = await store.createUser(user('gina'));
    await store.setDisabled(u.id, true);
    expect(await store.verifyPassword('gina', 'bad password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await store.verifyPassword('gina', 'correct horse')).toEqual({ ok: false, reason: 'disabled' });
  });

  it('sessions: live until logged out, revoked when the account is disabled, ended when idle too long', async () => {
    const u = await store.createUser(user('hana'));
    const later = new Date(Date.now() + 3600_000);
    const a = await store.sessions.open(u.id, later);
    const b = await store.sessions.open(u.id, later);
    expect(await store.sessions.live(a)).toEqual({ id: a, userId: u.id, mustChangePassword: false });
    await store.sessions.revoke(a);
    expect(await store.sessions.live(a)).toBeNull();
    expect(await store.sessions.live(b)).not.toBeNull();
    // Idle past its own timeout (30 minutes by default, kept on the row).
    await pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [b]);
    expect(await store.sessions.live(b)).toBeNull();
    const c = await store.sessions.open(u.id, later);
    // Used within the timeout: the idle clock slides.
    await pool.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = $1`, [c]);
    expect(await store.sessions.live(c)).not.toBeNull();
    const { rows } = await pool.query(`SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM sessions WHERE id = $1`, [c]);
    expect(rows[0].fresh).toBe(true);
    await store.setDisabled(u.id, true);
    expect(await store.sessions.live(c)).toBeNull();
    await store.setDisabled(u.id, false);
    expect(await store.sessions.live(c)).toBeNull();
    expect(await store.sessions.live('not-a-session')).toBeNull();
  });

  it('prunes sessions and attempt counters that are long over, and nothing live', async () => {
    const u = await store.createUser(user('jack'));
    const live = await store.sessions.open(u.id, new Date(Date.now() + 3600_000));
    const old = await store.sessions.open(u.id, new Date(Date.now() + 3600_000));
    await pool.query(`UPDATE sessions SET revoked_at = now() - interval '2 days' WHERE id = $1`, [old]);
    await store.sessions.prune();
    const { rows } = await pool.query('SELECT id FROM sessions WHERE user_id = $1', [u.id]);
    expect(rows.map((r) => r.id)).toEqual([live]);
    await store.verifyPassword('jack', 'bad', '10.0.9.9');
    await store.limiter.prune();
    expect((await pool.query('SELECT count(*)::int AS n FROM login_attempts')).rows[0].n).toBeGreaterThan(0);
    await pool.query(`UPDATE login_attempts SET window_start = now() - interval '1 hour', locked_until = NULL`);
    await store.limiter.prune();
    expect((await pool.query('SELECT count(*)::int AS n FROM login_attempts')).rows[0].n).toBe(0);
  });

  it('changes a password under the policy and ends every other session', async () => {
    const u = await store.createUser({ ...user('ivan'), mustChangePassword: true });
    expect(u.mustChangePassword).toBe(true);
    const later = new Date(Date.now() + 3600_000);
    const mine = await store.sessions.open(u.id, later);
    const other = await store.sessions.open(u.id, later);
    expect(await store.changePassword(u.id, 'wrong horse', 'a-much-longer-secret', { keepSession: mine })).toEqual({ ok: false, reason: 'invalid' });
    expect(await store.changePassword(u.id, 'correct horse', 'short-1', { keepSession: mine })).toMatchObject({ ok: false, reason: 'weak' });
    expect(await store.changePassword(u.id, 'correct horse', 'ivan-ivan-ivan-1', { keepSession: mine })).toMatchObject({ ok: false, reason: 'weak' });
    expect(await store.sessions.live(other)).not.toBeNull();
    expect(await store.changePassword(u.id, 'correct horse', 'a-much-longer-secret', { keepSession: mine })).toEqual({ ok: true });
    expect(await store.sessions.live(other)).toBeNull();
    expect(await store.sessions.live(mine)).toMatchObject({ mustChangePassword: false });
    expect((await store.verifyPassword('ivan', 'correct horse')).ok).toBe(false);
    expect((await store.verifyPassword('ivan', 'a-much-longer-secret')).ok).toBe(true);
  });

  it('an administrator resets a forgotten password: old one refused, sessions ended, change required', async () => {
    const u = await store.createUser(user('judy'));
    const session = await store.sessions.open(u.id, new Date(Date.now() + 3600_000));
    await expect(store.resetPassword(u.id, 'too-short')).rejects.toThrow(InvalidUserError);
    await store.resetPassword(u.id, 'a-fresh-reset-secret');
    expect(await store.sessions.live(session)).toBeNull();
    expect((await store.verifyPassword('judy', 'correct horse')).ok).toBe(false);
    expect(await store.verifyPassword('judy', 'a-fresh-reset-secret')).toMatchObject({ ok: true, user: { mustChangePassword: true } });
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

    // Then the installation goes to real use (LW_DEMO_ACCOUNTS=0): the shared password opens nothing.
    const discipline = await store.findByUsername('discipline');
    const session = await store.sessions.open(discipline!.id, new Date(Date.now() + 3600_000));
    // liaison changed its password above: not the shared one any more, so it is left alone.
    await store.changePassword((await store.findByUsername('liaison'))!.id, 'demo-pass-1', 'an-own-secret-phrase-9');
    expect(await retireDemoAccounts(store, scope, { demo: 'demo-pass-1', admin: 'generated-initial-secret' })).toEqual(expect.arrayContaining(['discipline', 'admin']));
    expect((await store.verifyPassword('liaison', 'an-own-secret-phrase-9')).ok).toBe(true);
    // A second start retires nothing more (the admin's new password is not the demo one).
    expect(await retireDemoAccounts(store, scope, { demo: 'demo-pass-1', admin: 'other-secret-123' })).toEqual([]);
    expect(await store.verifyPassword('discipline', 'demo-pass-1')).toEqual({ ok: false, reason: 'disabled' });
    expect(await store.sessions.live(session)).toBeNull();
    expect((await store.verifyPassword('admin', 'demo-pass-1')).ok).toBe(false);
    expect(await store.verifyPassword('admin', 'generated-initial-secret')).toMatchObject({ ok: true, user: { mustChangePassword: true } });
  });
});
