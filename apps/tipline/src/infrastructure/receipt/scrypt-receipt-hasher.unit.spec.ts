import crypto from 'crypto';
import { ScryptReceiptHasher } from './scrypt-receipt-hasher';

const cheap = new ScryptReceiptHasher({ cost: 10 });
const SECRET = '89ABCDEFGHJKMNPQ';

afterEach(() => jest.restoreAllMocks());

describe('ScryptReceiptHasher', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte random salt and verifies the right secret only', async () => {
    const stored = await cheap.hash(SECRET);
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
    expect(stored).not.toContain(SECRET);
    expect(await cheap.verify(SECRET, stored)).toBe(true);
    expect(await cheap.verify('89ABCDEFGHJKMNPR', stored)).toBe(false);
    expect(await cheap.verify('', stored)).toBe(false);
  });

  it('salts every hash: the same secret hashes differently each time', async () => {
    const [a, b] = await Promise.all([cheap.hash(SECRET), cheap.hash(SECRET)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('defaults to N=2^15, r=8, p=1', async () => {
    const stored = await new ScryptReceiptHasher().hash(SECRET);
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 15), '8', '1']);
  });

  it('verifies with the parameters stored in the hash, not its own (cost can be raised later)', async () => {
    const stored = await cheap.hash(SECRET);
    const spy = jest.spyOn(crypto, 'scrypt');
    expect(await new ScryptReceiptHasher({ cost: 12 }).verify(SECRET, stored)).toBe(true);
    expect(spy.mock.calls[0][3]).toMatchObject({ N: 1024, r: 8, p: 1 });
    // Changing a parameter in the stored string changes the derived hash: it must not verify.
    const tampered = stored.replace('scrypt$1024$', 'scrypt$2048$');
    expect(await cheap.verify(SECRET, tampered)).toBe(false);
  });

  it('rejects a tampered hash or salt', async () => {
    const stored = await cheap.hash(SECRET);
    const parts = stored.split('$');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64');
      b[0] ^= 1;
      return b.toString('base64');
    };
    expect(await cheap.verify(SECRET, [...parts.slice(0, 5), flip(parts[5])].join('$'))).toBe(false);
    expect(await cheap.verify(SECRET, [...parts.slice(0, 4), flip(parts[4]), parts[5]].join('$'))).toBe(false);
  });

  it('compares in constant time with crypto.timingSafeEqual', async () => {
    const stored = await cheap.hash(SECRET);
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    await cheap.verify('WRONGWRONGWRONG0', stored);
    await cheap.verify(SECRET, stored);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('throws on a malformed stored hash instead of answering "wrong code"', async () => {
    const stored = await cheap.hash(SECRET);
    const [, , r, p, salt, hash] = stored.split('$');
    for (const bad of [
      '',
      'plain-text',
      `bcrypt$1024$${r}$${p}$${salt}$${hash}`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${hash}`, // memory bomb
      `scrypt$1024$${r}$${p}$$${hash}`,
      `scrypt$1024$${r}$${p}$${salt}$`,
      `scrypt$1024$${r}$${p}$${salt}$${hash}$extra`,
    ]) {
      await expect(cheap.verify(SECRET, bad)).rejects.toThrow(/malformed receipt hash/);
    }
  });

  it('burn runs exactly one scrypt with the hasher’s own parameters', async () => {
    const spy = jest.spyOn(crypto, 'scrypt');
    await cheap.burn(SECRET);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][3]).toMatchObject({ N: 1024, r: 8, p: 1 });
  });

  it('refuses a cost outside 1..20', () => {
    expect(() => new ScryptReceiptHasher({ cost: 0 })).toThrow(/cost/);
    expect(() => new ScryptReceiptHasher({ cost: 21 })).toThrow(/cost/);
    expect(() => new ScryptReceiptHasher({ cost: 12.5 })).toThrow(/cost/);
  });
});
