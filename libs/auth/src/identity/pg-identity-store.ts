import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { InvalidClaimsError, validateClaims } from '../claims';
import { PgLoginLimiter, type LoginLimits } from '../login/pg-login-limiter';
import type { Role } from '../roles';
import { PgSessionStore, type SessionPolicy } from '../sessions/pg-session-store';
import { HashingBusyError, PASSWORD_HASHING, type HashingGate } from './hashing-gate';
import {
  InvalidUserError,
  UsernameTakenError,
  type IdentityStore,
  type NewUser,
  type PasswordChange,
  type PasswordCheck,
  type User,
} from './identity-store';
import { hashPassword, verifyPasswordHash } from './password-hasher';
import { passwordProblem } from './password-policy';

export interface IdentityStoreOptions {
  limits?: LoginLimits;
  sessions?: Partial<SessionPolicy>;
  /** Defaults to the process-wide gate. */
  hashing?: HashingGate;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  node: string;
  dept: string | null;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date;
}

const COLUMNS = 'id, username, display_name, roles, node, dept, disabled, must_change_password, created_at';
const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    node: row.node,
    dept: row.dept,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
  };
}

/** IdentityStore on the `users` and `sessions` tables of identityMigrations (pool's search_path picks the schema). */
export class PgIdentityStore implements IdentityStore {
  readonly sessions: PgSessionStore;
  readonly limiter: PgLoginLimiter;
  private readonly hashing: HashingGate;
  private dummyHash?: Promise<string>;
  private logins = 0;

  constructor(
    private readonly pool: Pool,
    options: IdentityStoreOptions = {},
  ) {
    this.sessions = new PgSessionStore(pool, options.sessions);
    this.limiter = new PgLoginLimiter(pool, options.limits);
    this.hashing = options.hashing ?? PASSWORD_HASHING;
    // Ready before the first unknown username arrives, so even that one costs no extra hash.
    this.dummy().catch(() => (this.dummyHash = undefined));
  }

  async createUser(input: NewUser): Promise<User> {
    if (!USERNAME.test(input.username)) throw new InvalidUserError('username must be 2-64 of A-Z a-z 0-9 _ . @ -');
    if (input.password.length < 8) throw new InvalidUserError('password must have at least 8 characters');
    try {
      validateClaims({ sub: input.username, name: input.displayName, roles: input.roles, node: input.node, dept: input.dept });
    } catch (err) {
      if (err instanceof InvalidClaimsError) throw new InvalidUserError(err.message);
      throw err;
    }
    const hash = await hashPassword(input.password);
    try {
      const { rows } = await this.pool.query<UserRow>(
        `INSERT INTO users (id, username, display_name, password_hash, roles, node, dept, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [uuidv7(), input.username, input.displayName, hash, [...new Set(input.roles)], input.node, input.dept ?? null, input.mustChangePassword ?? false],
      );
      return toUser(rows[0]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new UsernameTakenError(input.username);
      throw err;
    }
  }

  /**
   * The attempt is counted before hashing (so parallel guesses get exactly the allowed tries), then
   * the password is checked against the account's hash or, for an unknown username, a dummy hash
   * with the same parameters: same work, same answer. Disabled shows only after the right password.
   */
  async verifyPassword(username: string, password: string, source?: string): Promise<PasswordCheck> {
    // Housekeeping now and then, on the login path, so no scheduler is needed for it.
    if (++this.logins % 200 === 0) void Promise.all([this.limiter.prune(), this.sessions.prune()]).catch(() => undefined);
    const verdict = await this.limiter.attempt(username, source);
    if (!verdict.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
    const { rows } = await this.pool.query<UserRow & { password_hash: string }>(`SELECT ${COLUMNS}, password_hash FROM users WHERE username = $1`, [username]);
    const row = rows[0];
    const matches = await this.check(password, row?.password_hash);
    if (matches === 'busy') {
      await this.limiter.refund(username, source);
      return { ok: false, reason: 'busy' };
    }
    if (!row || !matches) return { ok: false, reason: 'invalid' };
    await this.limiter.success(username, source);
    if (row.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, user: toUser(row) };
  }

  async changePassword(userId: string, current: string, next: string, options: { source?: string; keepSession?: string } = {}): Promise<PasswordChange> {
    const user = await this.findById(userId);
    if (!user || user.disabled) return { ok: false, reason: 'invalid' };
    const checked = await this.verifyPassword(user.username, current, options.source);
    if (!checked.ok) {
      if (checked.reason === 'throttled' || checked.reason === 'busy') return checked;
      return { ok: false, reason: 'invalid' };
    }
    const problem = passwordProblem(user.username, next) ?? (next === current ? '新密码不能与当前密码相同' : null);
    if (problem) return { ok: false, reason: 'weak', problem };
    let hash: string;
    try {
      hash = await this.hashing.run(() => hashPassword(next));
    } catch (err) {
      if (err instanceof HashingBusyError) return { ok: false, reason: 'busy' };
      throw err;
    }
    await this.pool.query('UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1', [userId, hash]);
    await this.sessions.revokeAllOf(userId, options.keepSession);
    return { ok: true };
  }

  async resetPassword(userId: string, password: string): Promise<void> {
    if (password.length < 12) throw new InvalidUserError('password must have at least 12 characters');
    const hash = await hashPassword(password);
    await this.pool.query('UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now() WHERE id = $1', [userId, hash]);
    await this.sessions.revokeAllOf(userId);
  }

  async findById(id: string): Promise<User | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.pool.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled]);
    // Enabling again does not bring old logins back.
    if (disabled) await this.sessions.revokeAllOf(id);
  }

  private async check(password: string, stored: string | undefined): Promise<boolean | 'busy'> {
    const hash = stored ?? (await this.dummy());
    try {
      const ok = await this.hashing.run(() => verifyPasswordHash(password, hash));
      return stored !== undefined && ok;
    } catch (err) {
      if (err instanceof HashingBusyError) return 'busy';
      throw err;
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(uuidv7());
    return this.dummyHash;
  }
}
