import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { InvalidClaimsError, validateClaims } from '../claims';
import type { Role } from '../roles';
import {
  InvalidUserError,
  UsernameTakenError,
  type IdentityStore,
  type NewUser,
  type PasswordCheck,
  type User,
} from './identity-store';
import { hashPassword, verifyPasswordHash } from './password-hasher';

export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  lockMinutes: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  node: string;
  dept: string | null;
  disabled: boolean;
  created_at: Date;
}

const COLUMNS = 'id, username, display_name, roles, node, dept, disabled, created_at';
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
    createdAt: row.created_at,
  };
}

/** IdentityStore on the `users` table of identityMigrations (pool's search_path picks the schema). */
export class PgIdentityStore implements IdentityStore {
  private readonly policy: LockoutPolicy;
  private dummyHash?: Promise<string>;

  constructor(
    private readonly pool: Pool,
    policy: Partial<LockoutPolicy> = {},
  ) {
    this.policy = { maxFailures: policy.maxFailures ?? 5, lockMinutes: policy.lockMinutes ?? 15 };
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
        `INSERT INTO users (id, username, display_name, password_hash, roles, node, dept)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [uuidv7(), input.username, input.displayName, hash, [...new Set(input.roles)], input.node, input.dept ?? null],
      );
      return toUser(rows[0]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new UsernameTakenError(input.username);
      throw err;
    }
  }

  /**
   * Each attempt first takes a numbered ticket (atomic increment) and only then hashes, without
   * holding a row lock during the slow scrypt. Tickets beyond the limit are refused unhashed, so
   * parallel guessing gets exactly maxFailures tries, not one per concurrent request.
   */
  async verifyPassword(username: string, password: string): Promise<PasswordCheck> {
    const { rows } = await this.pool.query<UserRow & { password_hash: string; ticket: number; locked: boolean; locked_until: Date | null }>(
      `UPDATE users
          SET failed_logins = CASE WHEN locked_until > now() THEN failed_logins ELSE failed_logins + 1 END
        WHERE username = $1
        RETURNING ${COLUMNS}, password_hash, failed_logins AS ticket,
                  coalesce(locked_until > now(), false) AS locked, locked_until`,
      [username],
    );
    const row = rows[0];
    if (!row) {
      // Spend the same time as a real check so response times do not reveal which usernames exist.
      await verifyPasswordHash(password, await this.dummy());
      return { ok: false, reason: 'invalid' };
    }
    if (row.locked) return { ok: false, reason: 'locked', lockedUntil: row.locked_until! };
    if (row.ticket > this.policy.maxFailures) return this.lockedNow(row.id);

    if (!(await verifyPasswordHash(password, row.password_hash))) {
      if (row.ticket >= this.policy.maxFailures) return this.lock(row.id);
      return { ok: false, reason: 'invalid' };
    }
    await this.pool.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]);
    // Checked only after the password, so guessing cannot tell disabled accounts apart.
    if (row.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, user: toUser(row) };
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
  }

  private async lock(id: string): Promise<PasswordCheck> {
    const { rows } = await this.pool.query<{ locked_until: Date }>(
      `UPDATE users SET failed_logins = 0, locked_until = now() + make_interval(secs => $2)
        WHERE id = $1 RETURNING locked_until`,
      [id, this.policy.lockMinutes * 60],
    );
    return { ok: false, reason: 'locked', lockedUntil: rows[0].locked_until };
  }

  /** A ticket past the limit while the attempt that sets the lock is still hashing. */
  private async lockedNow(id: string): Promise<PasswordCheck> {
    const { rows } = await this.pool.query<{ locked_until: Date | null }>('SELECT locked_until FROM users WHERE id = $1', [id]);
    const until = rows[0]?.locked_until;
    return { ok: false, reason: 'locked', lockedUntil: until && until > new Date() ? until : new Date(Date.now() + this.policy.lockMinutes * 60_000) };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(uuidv7());
    return this.dummyHash;
  }
}
