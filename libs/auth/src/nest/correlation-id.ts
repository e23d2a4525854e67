import { v7 as uuidv7 } from 'uuid';
import { headerValue, type AuthRequest } from './auth-request';

export const CORRELATION_HEADER = 'x-correlation-id';

// The header is client input that ends up in logs and the audit table: accept only a plain token.
const SAFE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: the caller's header when well-formed, else a new UUIDv7. */
export function correlationIdOf(req: AuthRequest): string {
  if (!req.correlationId) {
    const given = headerValue(req, CORRELATION_HEADER);
    req.correlationId = given && SAFE.test(given) ? given : uuidv7();
  }
  return req.correlationId;
}
