import { createRemoteJWKSet, jwtVerify } from 'jose';
import { validateClaims } from '../claims';
import type { Principal } from '../principal';
import { DEFAULT_CLAIM_NAMES, readClaim, type ClaimNames } from './claim-names';
import { toVerifierError } from './jose-errors';
import type { TokenVerifier } from './token-verifier';

export interface JwksTokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
  claimNames?: Partial<ClaimNames>;
  /** Asymmetric algorithms only: an HS256 token must never verify against a public key. */
  algorithms?: string[];
  /** Drop roles the IdP knows and this system does not, instead of rejecting the token. */
  ignoreUnknownRoles?: boolean;
  clockToleranceSeconds?: number;
  /** How long to wait for the key set before answering 503. */
  timeoutMs?: number;
}

/** Distributed mode: tokens from an external IdP, checked against its published key set. */
export class JwksTokenVerifier implements TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly names: ClaimNames;

  constructor(private readonly options: JwksTokenVerifierOptions) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: options.timeoutMs ?? 5000 });
    this.names = { ...DEFAULT_CLAIM_NAMES, ...options.claimNames };
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms ?? ['RS256', 'PS256', 'ES256', 'EdDSA'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp'],
      });
      const claims = payload as Record<string, unknown>;
      const read = (key: keyof ClaimNames) => readClaim(claims, this.names[key]);
      return validateClaims(
        { sub: read('sub'), name: read('name') ?? '', roles: read('roles'), node: read('node'), dept: read('dept') },
        { ignoreUnknownRoles: this.options.ignoreUnknownRoles },
      );
    } catch (err) {
      throw toVerifierError(err);
    }
  }
}
