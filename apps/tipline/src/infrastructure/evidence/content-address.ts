import { createHash } from 'crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

// Blob stores address what they are given to store, which is ciphertext (SealedEvidenceStorage):
// an address is the hash of a tip's sealed object, so the same file under two tips gives two
// unrelated addresses, and no address tells anything about the plaintext. Only objects stored by
// versions before encryption are addressed by the plaintext's hash.

/** Refuses anything but lower-case hex SHA-256: the key becomes a path or an object key. */
export function checkAddress(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`evidence address must be a lower-case hex SHA-256, got ${JSON.stringify(sha256)}`);
}

/**
 * Throws unless `bytes` hash to `sha256`. Used on the way in (a caller's mix-up would file bytes
 * under another file's address) and on the way out (storage corruption must not pass as evidence).
 */
export function checkContent(sha256: string, bytes: Uint8Array, when: 'put' | 'get'): void {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new Error(
      when === 'put'
        ? `evidence bytes hash to ${actual}, not to the address ${sha256} they were given`
        : `stored evidence ${sha256} is corrupt: its bytes now hash to ${actual}`,
    );
  }
}
