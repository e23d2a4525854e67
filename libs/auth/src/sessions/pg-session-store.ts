import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import type { LiveSession, SessionStore } from './session-store';

export interface SessionPolicy {
  /** Minutes without a request after which a session ends (sliding); stored on each row. */
  idleMinutes: number;
  /** last_seen_at is written at most this often, so a busy session costs one read per request. */
  touchSeconds: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, touchSeconds: 60 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SessionStore on `sessions` (auth/003). No cache: the check is one primary-key read joined to the
 * account, so a revocation or a disabled account takes effect on the very next request.
 */
export class PgSessionStore implements SessionStore {
  readonly policy: SessionPolicy;

  constructor(
    private readonly pool: Pool,
    policy: Partial<SessionPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_SESSION_POLICY, ...policy };
  }

  async open(userId: string, expiresAt: Date): Promise<string> {
    const id = randomUUID();
    await this.pool.query('INSERT INTO sessions (id, user_id, idle_seconds, expires_at) VALUES ($1, $2, $3, $4)', [
      id,
      userId,
      Math.round(this.policy.idleMinutes * 60),
      expiresAt,
    ]);
    return id;
  }

  async live(sessionId: string): Promise<LiveSession | null> {
    if (!UUID.test(sessionId)) return null;
    const { rows } = await this.pool.query<{ user_id: string; must_change_password: boolean; stale: boolean }>(
      `SELECT s.user_id, u.must_change_password, s.last_seen_at < now() - $2::int * interval '1 second' AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND NOT u.disabled AND s.expires_at > now()
          AND s.last_seen_at > now() - s.idle_seconds * interval '1 second'`,
      [sessionId, this.policy.touchSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale) await this.pool.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [sessionId]);
    return { id: sessionId, userId: row.user_id, mustChangePassword: row.must_change_password };
  }

  async revoke(sessionId: string): Promise<void> {
    if (!UUID.test(sessionId)) return;
    await this.pool.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
  }

  /** Deletes sessions over (expired or revoked) for more than a day (housekeeping; safe at any time). */
  async prune(): Promise<number> {
    const res = await this.pool.query(
      `DELETE FROM sessions WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'`,
    );
    return res.rowCount ?? 0;
  }

  async revokeAllOf(userId: string, keep?: string): Promise<number> {
    const res = await this.pool.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, keep && UUID.test(keep) ? keep : null],
    );
    return res.rowCount ?? 0;
  }
}
