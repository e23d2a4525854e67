import { SignJWT, UnsecuredJWT } from 'jose';
import type { Principal } from '../principal';
import { SecretTokenVerifier } from './secret-token-verifier';
import { TokenIssuer } from './token-issuer';
import { TokenRejectedError } from './token-verifier';

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const principal: Principal = { sub: 'u-1', name: '李四', roles: ['review_dept'], node: '320724', dept: '公安' };

async function rejection(p: Promise<unknown>): Promise<TokenRejectedError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenRejectedError);
  return err as TokenRejectedError;
}

describe('TokenIssuer + SecretTokenVerifier', () => {
  const verifier = new SecretTokenVerifier({ secret });

  it('round-trips the principal, sets exp from the ttl and rejects an expired token as expired', async () => {
    const now = new Date('2026-03-02T01:00:00Z');
    const { token, expiresAt } = await new TokenIssuer({ secret, now: () => now }).issue(principal);
    expect(expiresAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    const fresh = await new TokenIssuer({ secret }).issue(principal);
    expect(await verifier.verify(fresh.token)).toEqual(principal);
    // Issued an hour ago with a 1 s lifetime: expired whatever the clock tolerance.
    const old = await new TokenIssuer({ secret, ttlSeconds: 1, now: () => new Date(Date.now() - 3600_000) }).issue(principal);
    expect((await rejection(verifier.verify(old.token))).reason).toBe('expired');
    expect(token.split('.')).toHaveLength(3);
  });

  it('rejects another secret, another audience and a tampered payload', async () => {
    const { token } = await new TokenIssuer({ secret }).issue(principal);
    expect((await rejection(new SecretTokenVerifier({ secret: secret + 'x' }).verify(token))).reason).toBe('invalid');
    expect((await rejection(new SecretTokenVerifier({ secret, audience: 'other' }).verify(token))).reason).toBe('invalid');
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.node = '32';
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    await rejection(verifier.verify(forged));
  });

  it('rejects unsigned tokens and correctly signed tokens with bad claims', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['org_dept'], node: '320724', name: 'x' })
      .setSubject('u')
      .setIssuer('liangwei')
      .setAudience('liangwei')
      .setExpirationTime('1h')
      .encode();
    await rejection(verifier.verify(unsigned));
    const key = new TextEncoder().encode(secret);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('liangwei').setAudience('liangwei').setExpirationTime('1h').sign(key);
    await rejection(verifier.verify(await sign({ name: 'x', roles: ['emperor'], node: '320724' })));
    await rejection(verifier.verify(await sign({ name: 'x', roles: ['org_dept'], node: '3207' + '2' })));
    expect((await verifier.verify(await sign({ name: 'x', roles: ['org_dept'], node: '320724' }))).roles).toEqual(['org_dept']);
  });

  it('refuses to sign bad claims or use a short secret', async () => {
    await expect(new TokenIssuer({ secret }).issue({ ...principal, roles: ['nobody' as never] })).rejects.toThrow('invalid token claims');
    expect(() => new TokenIssuer({ secret: 'short' })).toThrow('at least 32 bytes');
  });
});
