import type { Principal } from '../principal';

/**
 * The parts of the (Express) request this lib reads and writes. Kept structural so the lib needs no
 * Express types.
 */
export interface AuthRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  ip?: string;
  socket?: { remoteAddress?: string };
  route?: { path?: string };
  baseUrl?: string;
  /** Set by AuthGuard once the bearer token verified. */
  principal?: Principal;
  /** Set by AuthGuard (the scoped code it checked) or by a handler; lands in audit_log.target. */
  auditTarget?: string;
  correlationId?: string;
  /** A public, reporter-facing request (markAnonymous): no correlation id, no audit row, no address kept. */
  anonymous?: boolean;
}

/**
 * The client's address as express resolved it (req.ip honours the app's TRUST_PROXY setting). Use it
 * only in memory (rate-limit keys); it is stored only for staff requests (audit rows).
 */
export function clientIp(req: AuthRequest): string | undefined {
  return req.ip ?? req.socket?.remoteAddress;
}

export function headerValue(req: AuthRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
