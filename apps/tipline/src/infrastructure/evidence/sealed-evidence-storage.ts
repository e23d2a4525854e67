import { DomainNotFoundError } from '@lw/domain';
import type { EvidenceStorage } from '../../application/ports/evidence-storage.port';
import type { EvidenceBlobStore } from './evidence-blob-store';
import { addressOf, isSealedEvidence, openEvidence, sealEvidence } from './evidence-cipher';

/** The part of the identity vault evidence needs: the tip's data key. */
export interface TipDataKeys {
  /** The data key, or null when it was shredded; with `create` a missing key is made and committed. */
  dataKey(tipId: string, opts: { create: boolean }): Promise<Buffer | null>;
}

/**
 * Evidence encrypted under the tip's data key before it reaches the blob store (folder or S3), so
 * erasing the reporter's identity leaves the stored objects unreadable, and neither the object
 * names nor the tip's event carry a hash of the plaintext (a hash would let anyone holding a copy
 * of a file confirm it was submitted, and link two tips carrying it).
 */
export class SealedEvidenceStorage implements EvidenceStorage {
  constructor(
    private readonly blobs: EvidenceBlobStore,
    private readonly keys: TipDataKeys,
  ) {}

  async put(tipId: string, bytes: Buffer, mediaType: string): Promise<string> {
    const dataKey = await this.keys.dataKey(tipId, { create: true });
    if (!dataKey) throw new Error(`data key of tip ${tipId} vanished while storing evidence`);
    const sealed = sealEvidence(dataKey, tipId, bytes);
    dataKey.fill(0);
    const address = addressOf(sealed);
    // The blob store sees only ciphertext; the declared type stays generic so S3 metadata says nothing either.
    void mediaType;
    await this.blobs.put(address, sealed, 'application/octet-stream');
    return address;
  }

  async get(tipId: string, address: string): Promise<Buffer | null> {
    const stored = await this.blobs.get(address);
    if (!stored) return null;
    // Stored by a version before encryption: the address is the plaintext's hash, checked by the blob store.
    if (!isSealedEvidence(stored)) return stored;
    const dataKey = await this.keys.dataKey(tipId, { create: false });
    if (!dataKey) {
      throw new DomainNotFoundError('evidence.erased', '该证据文件已随举报人信息依规销毁，无法下载', `evidence ${address} of tip ${tipId}: data key shredded`);
    }
    try {
      return openEvidence(dataKey, tipId, stored);
    } finally {
      dataKey.fill(0);
    }
  }
}
