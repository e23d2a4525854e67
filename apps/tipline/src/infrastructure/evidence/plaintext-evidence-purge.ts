import type { EvidenceBlobStore } from './evidence-blob-store';
import { isSealedEvidence } from './evidence-cipher';
import type { EvidenceReferences } from './evidence-references';

/**
 * Evidence stored by versions before sealing (plaintext, addressed by the file's own hash) does not
 * go with the tip's data key: on erasure it is deleted, unless another tip whose reporter was not
 * erased refers to the same file (a plaintext object is shared by every tip that sent those bytes).
 * Sealed objects stay: they are unreadable without the shredded key, and a download answers
 * "erased" rather than "missing".
 */
export class PlaintextEvidencePurge {
  constructor(
    private readonly blobs: EvidenceBlobStore,
    private readonly references: Pick<EvidenceReferences, 'heldByLivingTip' | 'erasedTipsWithEvidence'>,
  ) {}

  /** Deletes the erased tip's plaintext objects no living tip needs; returns how many. Idempotent. */
  async purgeTip(tipId: string, addresses: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const address of new Set(addresses)) {
      const stored = await this.blobs.get(address);
      if (!stored || isSealedEvidence(stored)) continue;
      if (await this.references.heldByLivingTip(address, tipId)) continue;
      await this.blobs.delete(address);
      deleted++;
    }
    return deleted;
  }

  /**
   * Every erased tip at once: erasures made before this existed, and purges that failed. Costs one
   * read per object of an erased tip; erasures are rare.
   */
  async sweep(): Promise<number> {
    let deleted = 0;
    for (const t of await this.references.erasedTipsWithEvidence()) deleted += await this.purgeTip(t.tipId, t.addresses);
    return deleted;
  }
}
