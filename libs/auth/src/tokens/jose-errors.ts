import { errors } from 'jose';
import { InvalidClaimsError } from '../claims';
import { AuthUnavailableError, TokenRejectedError } from './token-verifier';

// Failures of the key source rather than of the token: a down IdP must not log everybody out.
const UNAVAILABLE = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/** Maps what jose (or claim validation) threw to the two errors the guard understands. */
export function toVerifierError(err: unknown): Error {
  if (err instanceof TokenRejectedError || err instanceof AuthUnavailableError) return err;
  if (err instanceof InvalidClaimsError) return new TokenRejectedError('invalid', err.message);
  if (err instanceof errors.JWTExpired) return new TokenRejectedError('expired', err.message);
  if (err instanceof errors.JOSEError) {
    return UNAVAILABLE.has(err.code)
      ? new AuthUnavailableError(`key set unavailable: ${err.message}`)
      : new TokenRejectedError('invalid', `${err.code}: ${err.message}`);
  }
  return new AuthUnavailableError(`token verification failed: ${(err as Error)?.message ?? String(err)}`);
}
