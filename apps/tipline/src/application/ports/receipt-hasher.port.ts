/** Slow, salted hashing of the secret part of a receipt code (查询码); verification in constant time. */
export interface ReceiptHasher {
  hash(secret: string): Promise<string>;
  verify(secret: string, stored: string): Promise<boolean>;
  /** Spends the same time as a verify, for lookups of unknown codes (no timing oracle). */
  burn(secret: string): Promise<void>;
}
