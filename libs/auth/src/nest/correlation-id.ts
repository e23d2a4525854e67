import { v7 as uuidv7 } from 'uuid';
import { headerValue, type AuthRequest } from './auth-request';

export const CORRELATION_HEADER = 'x-correlation-id';

// The header is client input that ends up in logs and the audit table: accept only a plain token.
const SAFE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's header when well-formed, else a new UUIDv7. An
 * anonymous request (see markAnonymous) has none: each call gets a fresh id that is kept nowhere,
 * so nothing can tie what it is used for back to the request.
 */
export function correlationIdOf(req: AuthRequest): string {
  if (req.anonymous) return uuidv7();
  if (!req.correlationId) {
    const given = headerValue(req, CORRELATION_HEADER);
    req.correlationId = given && SAFE.test(given) ? given : uuidv7();
  }
  return req.correlationId;
}

/**
 * A public (reporter-facing) request: forget its correlation id, whoever chose it, and stop echoing
 * it, so no id ties the request (and the ingress's record of its address) to the tip it creates.
 */
export function markAnonymous(req: AuthRequest, res: { removeHeader(name: string): void; headersSent?: boolean }): void {
  req.anonymous = true;
  delete req.correlationId;
  if (!res.headersSent) res.removeHeader(CORRELATION_HEADER);
}
