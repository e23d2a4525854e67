import type { Pool } from 'pg';
import type { AttemptLimiter, LimitVerdict } from '../../application/ports/attempt-limiter.port';

/** Limits of one kind of key, counted in a fixed window that starts at the key's first event. */
export interface LimitRule {
  /** Attempts allowed per window (null: no cap); past it the key waits for the window to end. */
  maxAttempts: number | null;
  /** Failures per window that lock the key out for `lockSeconds`. */
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export interface AttemptPolicy {
  client: LimitRule;
  code: LimitRule;
}

/**
 * Per client: 30 lookups and 10 failures per 10 minutes, then 30 minutes locked: this is what bounds
 * guessing. Per code (locator): 5 failures lock it for an hour, whoever guesses; the failures are
 * kept for a day, so after a lock every further wrong guess locks again, until a success clears them.
 * A locked code answers every wrong guess as locked, but never refuses the right code: its holder
 * cannot be locked out by someone who learnt the locator (the 80-bit secret is what resists guessing).
 */
export const DEFAULT_LIMITS: AttemptPolicy = {
  client: { maxAttempts: 30, maxFailures: 10, windowSeconds: 10 * 60, lockSeconds: 30 * 60 },
  code: { maxAttempts: null, maxFailures: 5, windowSeconds: 24 * 60 * 60, lockSeconds: 60 * 60 },
};

type Keys = { client: string; code?: string };

// Each statement is one upsert: the row lock serialises concurrent requests from every replica, and
// each sees the count including its own increment (no read-then-write, no lost update). Time is the
// database's, so replicas with drifting clocks agree. A window older than $2 seconds starts afresh.
const EXPIRED = `a.window_start <= now() - $2::int * interval '1 second'`;

const ATTEMPT_SQL = `
  INSERT INTO receipt_attempts AS a (key, window_start, attempts, failures, locked_until)
  VALUES ($1, now(), 1, 0, NULL)
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN ${EXPIRED} THEN now() ELSE a.window_start END,
    attempts = CASE WHEN ${EXPIRED} THEN 1 ELSE a.attempts + 1 END,
    failures = CASE WHEN ${EXPIRED} THEN 0 ELSE a.failures END
  RETURNING attempts,
    CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END AS locked_for,
    greatest(1, ceil(extract(epoch FROM window_start + $2::int * interval '1 second' - now())))::int AS window_left`;

const FAILURE_SQL = `
  INSERT INTO receipt_attempts AS a (key, window_start, attempts, failures, locked_until)
  VALUES ($1, now(), 0, 1, CASE WHEN 1 >= $3 THEN now() + $4::int * interval '1 second' END)
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN ${EXPIRED} THEN now() ELSE a.window_start END,
    attempts = CASE WHEN ${EXPIRED} THEN 0 ELSE a.attempts END,
    failures = CASE WHEN ${EXPIRED} THEN 1 ELSE a.failures + 1 END,
    locked_until = CASE
      WHEN (CASE WHEN ${EXPIRED} THEN 1 ELSE a.failures + 1 END) >= $3
        THEN greatest(a.locked_until, now() + $4::int * interval '1 second')
      ELSE a.locked_until END`;

/** AttemptLimiter with its counters in `receipt_attempts`, shared by every replica. */
export class PgAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AttemptPolicy = DEFAULT_LIMITS,
  ) {}

  async attempt(keys: Keys): Promise<LimitVerdict> {
    const [client, code] = await Promise.all(
      this.entries(keys).map(async ([key, rule]) => {
        const res = await this.pool.query<{ attempts: number; locked_for: number | null; window_left: number }>(ATTEMPT_SQL, [
          key,
          rule.windowSeconds,
        ]);
        const row = res.rows[0];
        return {
          locked: row.locked_for !== null ? Math.max(1, row.locked_for) : 0,
          capped: rule.maxAttempts !== null && row.attempts > rule.maxAttempts ? row.window_left : 0,
        };
      }),
    );
    // The client's lock and caps refuse; a code's cap refuses (none by default), its lock only informs.
    const wait = Math.max(client.locked, client.capped, code?.capped ?? 0);
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    return code?.locked ? { allowed: true, codeLockedFor: code.locked } : { allowed: true };
  }

  async failure(keys: Keys): Promise<void> {
    await Promise.all(
      this.entries(keys).map(([key, rule]) =>
        this.pool.query(FAILURE_SQL, [key, rule.windowSeconds, rule.maxFailures, rule.lockSeconds]),
      ),
    );
  }

  /** Clears the code's failures and lock (its owner got it right); the client's record stays. */
  async success(keys: Keys): Promise<void> {
    if (keys.code === undefined) return;
    await this.pool.query('UPDATE receipt_attempts SET failures = 0, locked_until = NULL WHERE key = $1', [`code:${keys.code}`]);
  }

  /** Deletes rows whose window and lock are both over (housekeeping; safe to run at any time). */
  async prune(): Promise<number> {
    const longest = Math.max(this.policy.client.windowSeconds, this.policy.code.windowSeconds);
    const res = await this.pool.query(
      `DELETE FROM receipt_attempts
       WHERE window_start <= now() - $1::int * interval '1 second' AND (locked_until IS NULL OR locked_until <= now())`,
      [longest],
    );
    return res.rowCount ?? 0;
  }

  private entries(keys: Keys): [string, LimitRule][] {
    const out: [string, LimitRule][] = [[`client:${keys.client}`, this.policy.client]];
    if (keys.code !== undefined) out.push([`code:${keys.code}`, this.policy.code]);
    return out;
  }
}
