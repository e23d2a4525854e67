/** Slow, salted hashing of the secret part of a receipt code (查询码); verification in constant time. */
export abstract class ReceiptHasher {
  abstract hash(secret: string): Promise<string>;
  abstract verify(secret: string, stored: string): Promise<boolean>;
  /** Spends the same time as a verify, for lookups of unknown codes (no timing oracle). */
  abstract burn(secret: string): Promise<void>;
}
