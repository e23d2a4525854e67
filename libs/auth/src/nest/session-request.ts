import type { AuthRequest } from './auth-request';

/** What AuthGuard adds to the request besides the principal. */
export interface SessionRequest extends AuthRequest {
  /** The live session the credential names (embedded identity store only). */
  sessionId?: string;
  /** The credential came from the session cookie, not an Authorization header. */
  viaCookie?: boolean;
}
