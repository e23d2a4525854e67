import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'crypto';
import type { ReceiptHasher } from '../../application/ports/receipt-hasher.port';

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/**
 * N = 2^15, r = 8, p = 1: the interactive-login parameters recommended for scrypt (RFC 7914 / OWASP),
 * about 32 MiB and tens of milliseconds per check. The secret already has 80 random bits, so the
 * slowness guards a leaked table, not weak input; per-check cost also bounds the check rate a
 * replica can be pushed to.
 */
export const DEFAULT_SCRYPT_COST = 15;
const R = 8;
const P = 1;
// Bounds on parameters read back from the database, so a bad row cannot make a check hog memory.
const MAX_LOG_N = 20;
const MAX_R = 32;
const MAX_P = 16;

interface Params {
  n: number;
  r: number;
  p: number;
}

/**
 * Receipt-code secrets hashed with scrypt, stored as "scrypt$N$r$p$salt$hash" (salt and hash in
 * base64). Parameters travel with each hash, so raising the cost later keeps old hashes verifiable.
 */
export class ScryptReceiptHasher implements ReceiptHasher {
  private readonly params: Params;

  /** `cost` is log2(N) (TIPLINE_RECEIPT_HASH_COST); lower it only for tests and benchmarks. */
  constructor(options: { cost?: number } = {}) {
    const cost = options.cost ?? DEFAULT_SCRYPT_COST;
    if (!Number.isInteger(cost) || cost < 1 || cost > MAX_LOG_N) throw new Error(`scrypt cost must be an integer 1..${MAX_LOG_N}, got ${cost}`);
    this.params = { n: 2 ** cost, r: R, p: P };
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const hash = await derive(secret, salt, this.params, HASH_BYTES);
    const { n, r, p } = this.params;
    return ['scrypt', n, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
  }

  async verify(secret: string, stored: string): Promise<boolean> {
    const parsed = parse(stored);
    const actual = await derive(secret, parsed.salt, parsed, parsed.hash.length);
    return timingSafeEqual(actual, parsed.hash);
  }

  async burn(secret: string): Promise<void> {
    await derive(secret, randomBytes(SALT_BYTES), this.params, HASH_BYTES);
  }
}

function derive(secret: string, salt: Buffer, { n, r, p }: Params, length: number): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is just below what N=2^15, r=8 needs; allow twice the working set.
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r * p + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A stored hash that is not well formed is corruption, not a wrong code: it throws (operators must see it). */
function parse(stored: string): Params & { salt: Buffer; hash: Buffer } {
  const parts = typeof stored === 'string' ? stored.split('$') : [];
  const [scheme, n, r, p, salt, hash] = parts;
  const num = (s: string | undefined) => (s && /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : NaN);
  const params = { n: num(n), r: num(r), p: num(p) };
  const saltBytes = Buffer.from(salt ?? '', 'base64');
  const hashBytes = Buffer.from(hash ?? '', 'base64');
  const ok =
    parts.length === 6 &&
    scheme === 'scrypt' &&
    params.n > 1 &&
    (params.n & (params.n - 1)) === 0 &&
    params.n <= 2 ** MAX_LOG_N &&
    params.r <= MAX_R &&
    params.p <= MAX_P &&
    saltBytes.length >= SALT_BYTES &&
    hashBytes.length >= 16;
  if (!ok) throw new Error('malformed receipt hash in storage (expected scrypt$N$r$p$salt$hash)');
  return { ...params, salt: saltBytes, hash: hashBytes };
}
