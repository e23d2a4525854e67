import { SignJWT } from 'jose';
import { validateClaims } from '../claims';
import type { Principal } from '../principal';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, hs256Key } from './hs256-key';

export interface TokenIssuerOptions {
  /** Shared HS256 secret (embedded mode: generated at first start and stored by the runtime). */
  secret: string | Uint8Array;
  issuer?: string;
  audience?: string;
  /** Lifetime; a working day by default so nobody is logged out mid-shift. */
  ttlSeconds?: number;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Signs HS256 tokens for the embedded identity store's logins. */
export class TokenIssuer {
  private readonly key: Uint8Array;
  private readonly issuer: string;
  private readonly audience: string;
  readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(options: TokenIssuerOptions) {
    this.key = hs256Key(options.secret);
    this.issuer = options.issuer ?? DEFAULT_ISSUER;
    this.audience = options.audience ?? DEFAULT_AUDIENCE;
    this.ttlSeconds = options.ttlSeconds ?? 8 * 3600;
    this.now = options.now ?? (() => new Date());
  }

  /** `sid` names the server-side session the token belongs to (embedded identity store logins). */
  async issue(principal: Principal, options: { sid?: string } = {}): Promise<IssuedToken> {
    // Refuse to sign what a verifier would refuse to accept.
    const p = validateClaims(principal);
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const claims: Record<string, unknown> = { name: p.name, roles: p.roles, node: p.node };
    if (p.dept) claims.dept = p.dept;
    if (options.sid) claims.sid = options.sid;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(p.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
