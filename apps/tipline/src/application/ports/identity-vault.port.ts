import type { PoolClient } from 'pg';

/** Ciphertext of a tip's confidential part (reporter identity, contact), all fields base64. */
export interface SealedBox {
  /** Version of the sealing scheme, for later changes of algorithm. */
  v: 1;
  iv: string;
  ciphertext: string;
  tag: string;
}

/**
 * Envelope encryption of reporter data: one data key per tip, kept only wrapped by the master key.
 * Destroying the data key (shred) makes every box sealed for that tip unreadable for ever, while the
 * events holding the boxes stay as they are (crypto-shredding).
 */
export abstract class IdentityVault {
  /** Seals `plaintext` with the tip's data key, creating and storing the key (wrapped) in `tx` if absent. */
  abstract seal(tipId: string, plaintext: string, tx: PoolClient): Promise<SealedBox>;
  /** The plaintext, or null when the tip's key was shredded. Throws if the box was tampered with. */
  abstract open(tipId: string, box: SealedBox): Promise<string | null>;
  /** Destroys the tip's data key in `tx`. True if there was one. */
  abstract shred(tipId: string, tx: PoolClient): Promise<boolean>;
}
