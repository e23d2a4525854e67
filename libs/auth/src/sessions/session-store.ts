/** A login's server-side record: the token (or cookie) only carries its id (`sid`). */
export interface LiveSession {
  id: string;
  userId: string;
  /** The account must change its (generated or demo) password before doing anything else. */
  mustChangePassword: boolean;
}

/**
 * Sessions of the embedded identity store. A session is live while it is not revoked, its account
 * is enabled, it has not expired and it was used within its idle timeout.
 */
export interface SessionStore {
  open(userId: string, expiresAt: Date): Promise<string>;
  /** The live session, or null (unknown, revoked, expired, idle too long, account disabled). */
  live(sessionId: string): Promise<LiveSession | null>;
  revoke(sessionId: string): Promise<void>;
  /** Every live session of the account, except `keep` (the one changing its password). */
  revokeAllOf(userId: string, keep?: string): Promise<number>;
}

export const SESSION_STORE = Symbol('SESSION_STORE');
