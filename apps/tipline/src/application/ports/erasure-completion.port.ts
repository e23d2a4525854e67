/**
 * What makes an erasure irreversible once its transaction committed: the key ring rotated past the
 * shredded key, the tip's plaintext evidence of older versions deleted. A failed step is retried
 * later (every 5 minutes, at the next erasure, at start).
 */
export abstract class ErasureCompletion {
  /** True when nothing is left that opens or shows the identity. */
  abstract complete(tipId: string): Promise<boolean>;
}
