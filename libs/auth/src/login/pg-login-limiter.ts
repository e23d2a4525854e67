import { createHash } from 'crypto';
import type { Pool } from 'pg';

/** One kind of key: attempts allowed per window; the next one locks the key for lockSeconds. */
export interface LoginLimitRule {
  maxAttempts: number;
  windowSeconds: number;
  lockSeconds: number;
}

export interface LoginLimits {
  /** Per (username, source): guessing one account from one place. */
  account: LoginLimitRule;
  /** Per source: spraying many usernames from one place (an office NAT shares it, so it is wider). */
  source: LoginLimitRule;
}

/**
 * 5 tries per account and source, 30 per source, per 15 minutes; then 15 minutes refused. Nothing is
 * keyed by the username alone, so nobody can lock an official out from elsewhere.
 */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  account: { maxAttempts: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  source: { maxAttempts: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
};

// A window ends with its time or with its lock: after a lock the key starts afresh.
const EXPIRED = `(a.window_start <= now() - $2::int * interval '1 second' OR a.locked_until <= now())`;
const LOCKED = `a.locked_until > now()`;

// Every attempt counts when it starts (one upsert, serialised by the row lock, database clock), so
// parallel guesses get exactly maxAttempts hashes; a success gives its attempt back.
const ATTEMPT_SQL = `
  INSERT INTO login_attempts AS a (key, window_start, attempts, locked_until)
  VALUES ($1, now(), 1, CASE WHEN 1 > $3 THEN now() + $4::int * interval '1 second' END)
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN ${LOCKED} THEN a.window_start WHEN ${EXPIRED} THEN now() ELSE a.window_start END,
    attempts = CASE WHEN ${LOCKED} THEN a.attempts WHEN ${EXPIRED} THEN 1 ELSE a.attempts + 1 END,
    locked_until = CASE
      WHEN ${LOCKED} THEN a.locked_until
      WHEN (CASE WHEN ${EXPIRED} THEN 1 ELSE a.attempts + 1 END) > $3 THEN now() + $4::int * interval '1 second'
      ELSE NULL END
  RETURNING CASE WHEN locked_until > now() THEN greatest(1, ceil(extract(epoch FROM locked_until - now())))::int END AS locked_for`;

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Login throttling in `login_attempts` (auth/003), shared by every replica. */
export class PgLoginLimiter {
  constructor(
    private readonly pool: Pool,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Counts an attempt for both keys; refused while either is locked. */
  async attempt(username: string, source: string | undefined): Promise<LoginVerdict> {
    const waits = await Promise.all(
      this.keys(username, source).map(async ([key, rule]) => {
        const { rows } = await this.pool.query<{ locked_for: number | null }>(ATTEMPT_SQL, [key, rule.windowSeconds, rule.maxAttempts, rule.lockSeconds]);
        return rows[0]?.locked_for ?? 0;
      }),
    );
    const wait = Math.max(0, ...waits);
    return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
  }

  /** The right password: the account's tries start afresh, and the source gets its attempt back. */
  async success(username: string, source: string | undefined): Promise<void> {
    const [[accountKey], [sourceKey]] = this.keys(username, source);
    await this.pool.query('DELETE FROM login_attempts WHERE key = $1', [accountKey]);
    await this.pool.query('UPDATE login_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = $1 AND NOT coalesce(locked_until > now(), false)', [sourceKey]);
  }

  /**
   * An attempt that never reached a password check (the hashing gate was full): both keys get it
   * back, so an official refused as busy during a flood of bogus logins is not throttled for it.
   */
  async refund(username: string, source: string | undefined): Promise<void> {
    for (const [key] of this.keys(username, source)) {
      await this.pool.query('UPDATE login_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = $1 AND NOT coalesce(locked_until > now(), false)', [key]);
    }
  }

  /** Deletes rows whose window and lock are both over (housekeeping). */
  async prune(): Promise<number> {
    const longest = Math.max(this.limits.account.windowSeconds, this.limits.source.windowSeconds);
    const res = await this.pool.query(
      `DELETE FROM login_attempts WHERE window_start <= now() - $1::int * interval '1 second' AND (locked_until IS NULL OR locked_until <= now())`,
      [longest],
    );
    return res.rowCount ?? 0;
  }

  private keys(username: string, source: string | undefined): [string, LoginLimitRule][] {
    const from = source ?? 'unknown';
    return [
      [`account:${digest(`${username.trim().toLowerCase()}\u0000${from}`)}`, this.limits.account],
      [`source:${digest(from)}`, this.limits.source],
    ];
  }
}

function digest(text: string): string {
  return createHash('sha256').update(`lw-login\u0000${text}`).digest('base64url');
}
