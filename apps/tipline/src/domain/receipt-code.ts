import { randomBytes } from 'crypto';

/**
 * Receipt code (查询码), handed to a reporter once. The first 8 characters are a public locator
 * (40 random bits) that finds the tip's row without a scan; the other 16 are the secret (80 random
 * bits) of which only a slow hash is kept. Crockford base32: no I, L, O or U, so it survives being
 * read aloud, copied by hand or typed on a phone.
 */
export interface ReceiptCode {
  locator: string;
  secret: string;
  /** What the reporter sees: 6 groups of 4 joined by '-', e.g. "7K3M-0QZ2-…". */
  display: string;
}

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LOCATOR_LENGTH = 8;
export const SECRET_LENGTH = 16;
const CODE_LENGTH = LOCATOR_LENGTH + SECRET_LENGTH;
/** 24 characters × 5 bits = 120 bits = exactly 15 bytes, so every character is uniform (no modulo bias). */
const CODE_BYTES = (CODE_LENGTH * 5) / 8;

/** A fresh code; `random` is injectable for tests and must return n cryptographically random bytes. */
export function newReceiptCode(random: (n: number) => Uint8Array = randomBytes): ReceiptCode {
  const bytes = random(CODE_BYTES);
  if (bytes.length < CODE_BYTES) throw new Error(`random source returned ${bytes.length} bytes, ${CODE_BYTES} needed`);
  const chars = encodeBase32(bytes.subarray(0, CODE_BYTES));
  return {
    locator: chars.slice(0, LOCATOR_LENGTH),
    secret: chars.slice(LOCATOR_LENGTH),
    display: chars.match(/.{4}/g)!.join('-'),
  };
}

/**
 * Reads a code as a person typed it: case, spaces, dashes and full-width characters (Chinese input
 * methods) do not matter, and the letters Crockford folds (O→0, I/L→1) are accepted. Null when it
 * cannot be a code at all; whether it matches a tip is for the caller to find out.
 */
export function parseReceiptCode(input: string): { locator: string; secret: string } | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  const cleaned = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const c of cleaned) if (!CROCKFORD_ALPHABET.includes(c)) return null;
  return { locator: cleaned.slice(0, LOCATOR_LENGTH), secret: cleaned.slice(LOCATOR_LENGTH) };
}

/** Big-endian base32 of a byte string whose bit length is a multiple of 5. */
function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xfff; // at most 12 bits are pending, keep it small
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    }
  }
  return out;
}
