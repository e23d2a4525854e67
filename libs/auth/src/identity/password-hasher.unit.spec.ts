import { hashPassword, verifyPasswordHash } from './password-hasher';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('正确的密码-1');
    expect(await verifyPasswordHash('正确的密码-1', h)).toBe(true);
    expect(await verifyPasswordHash('正确的密码-2', h)).toBe(false);
  });

  it('salts: the same password hashes differently, and carries its parameters', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it('uses the stored parameters: changing them breaks the match', async () => {
    const h = await hashPassword('pw-12345678');
    const parts = h.split('$');
    parts[1] = '14';
    expect(await verifyPasswordHash('pw-12345678', parts.join('$'))).toBe(false);
  });

  it('rejects malformed or absurd stored hashes instead of throwing', async () => {
    expect(await verifyPasswordHash('x', '')).toBe(false);
    expect(await verifyPasswordHash('x', 'plain-text-password')).toBe(false);
    expect(await verifyPasswordHash('x', 'scrypt$30$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==')).toBe(false);
  });
});
