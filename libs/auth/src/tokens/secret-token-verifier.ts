import { jwtVerify } from 'jose';
import { validateClaims } from '../claims';
import type { Principal } from '../principal';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, hs256Key } from './hs256-key';
import { toVerifierError } from './jose-errors';
import type { TokenVerifier } from './token-verifier';

export interface SecretTokenVerifierOptions {
  secret: string | Uint8Array;
  issuer?: string;
  audience?: string;
  clockToleranceSeconds?: number;
}

/** Verifies the HS256 tokens of TokenIssuer (embedded mode, or services sharing one secret). */
export class SecretTokenVerifier implements TokenVerifier {
  private readonly key: Uint8Array;

  constructor(private readonly options: SecretTokenVerifierOptions) {
    this.key = hs256Key(options.secret);
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.options.issuer ?? DEFAULT_ISSUER,
        audience: this.options.audience ?? DEFAULT_AUDIENCE,
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'sub'],
      });
      return validateClaims({ sub: payload.sub, name: payload.name, roles: payload.roles, node: payload.node, dept: payload.dept });
    } catch (err) {
      throw toVerifierError(err);
    }
  }
}
