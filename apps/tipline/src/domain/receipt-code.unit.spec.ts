import { CROCKFORD_ALPHABET, newReceiptCode, parseReceiptCode } from './receipt-code';

/** A random source returning fixed bytes, so each bit's effect on the code can be checked. */
const fixed = (bytes: number[]) => (n: number) => Uint8Array.from(bytes.slice(0, n));
const flipBit = (bit: number) => {
  const bytes = new Array<number>(15).fill(0);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return fixed(bytes);
};

describe('newReceiptCode', () => {
  it('has an 8-character locator, a 16-character secret and 6 dash-joined groups of 4', () => {
    const code = newReceiptCode();
    expect(code.locator).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(code.secret).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(code.display).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(code.display.replace(/-/g, '')).toBe(code.locator + code.secret);
  });

  it('draws 15 bytes and uses every one of the 120 bits: 40 in the locator, 80 in the secret', () => {
    const asked: number[] = [];
    newReceiptCode((n) => (asked.push(n), new Uint8Array(n)));
    expect(asked).toEqual([15]);

    const zero = newReceiptCode(fixed(new Array(15).fill(0)));
    expect(zero.locator + zero.secret).toBe('0'.repeat(24));
    expect(newReceiptCode(fixed(new Array(15).fill(0xff))).secret).toBe('Z'.repeat(16));

    const secrets = new Set<string>();
    for (let bit = 0; bit < 120; bit++) {
      const code = newReceiptCode(flipBit(bit));
      if (bit < 40) {
        expect(code.secret).toBe(zero.secret);
        expect(code.locator).not.toBe(zero.locator);
      } else {
        expect(code.locator).toBe(zero.locator);
        secrets.add(code.secret);
      }
    }
    // 80 independent bits each change the secret in a distinct way: 16 chars × 5 bits of entropy.
    expect(secrets.size).toBe(80);
    expect(secrets.has(zero.secret)).toBe(false);
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
  });

  it('gives different codes on every call with the real random source', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newReceiptCode().display));
    expect(codes.size).toBe(2000);
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => newReceiptCode(() => new Uint8Array(10))).toThrow(/15 needed/);
  });
});

describe('parseReceiptCode', () => {
  it('round-trips the display form and the bare form', () => {
    for (let i = 0; i < 200; i++) {
      const code = newReceiptCode();
      expect(parseReceiptCode(code.display)).toEqual({ locator: code.locator, secret: code.secret });
      expect(parseReceiptCode(code.locator + code.secret)).toEqual({ locator: code.locator, secret: code.secret });
    }
  });

  it('tolerates lower case, spaces, dashes, full-width input and Crockford confusables', () => {
    const want = { locator: '01234567', secret: '89ABCDEFGHJKMNPQ' };
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJK-MNPQ')).toEqual(want);
    expect(parseReceiptCode('  o123 4567\t89ab cdef ghjk mnpq ')).toEqual(want);
    expect(parseReceiptCode('O1234567-89ABCDEFGHJKMNPQ')).toEqual(want);
    expect(parseReceiptCode('0I234567 89abcdefghjkmnpq')).toEqual(want);
    expect(parseReceiptCode('0l234567 89abcdefghjkmnpq')).toEqual(want);
    expect(parseReceiptCode('０１２３－４５６７－８９ＡＢ－ＣＤＥＦ－ＧＨＪＫ－ＭＮＰＱ')).toEqual(want);
    expect(parseReceiptCode('0123—4567—89AB—CDEF—GHJK—MNPQ')).toEqual(want);
  });

  it('rejects the wrong length', () => {
    expect(parseReceiptCode('')).toBeNull();
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJK-MNP')).toBeNull();
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJK-MNPQR')).toBeNull();
    expect(parseReceiptCode('0'.repeat(500))).toBeNull();
  });

  it('rejects characters outside the alphabet (U is excluded on purpose)', () => {
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJK-MNPU')).toBeNull();
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJK-MNP*')).toBeNull();
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJK-MNP查')).toBeNull();
    expect(parseReceiptCode('0123/4567/89AB/CDEF/GHJK/MNPQ')).toBeNull();
    expect(parseReceiptCode(undefined as unknown as string)).toBeNull();
  });
});
