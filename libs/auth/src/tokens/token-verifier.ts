import type { Principal } from '../principal';

/** Turns a bearer token into a principal; throws TokenRejectedError or AuthUnavailableError. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Injection token for the TokenVerifier chosen by configuration. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** The token itself is at fault (expired, forged, wrong audience, bad claims): answer 401. */
export class TokenRejectedError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    detail: string,
  ) {
    super(`token rejected (${reason}): ${detail}`);
  }
}

/** The token could not be checked (key set unreachable or malformed): answer 503, not 401. */
export class AuthUnavailableError extends Error {}
