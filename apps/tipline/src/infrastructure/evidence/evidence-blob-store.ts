/**
 * Where sealed evidence objects live: a local folder in embedded mode, object storage in distributed
 * mode. Content addressed by the SHA-256 of the stored (encrypted) bytes, lower-case hex; storing the
 * same bytes twice keeps one object. Plaintext never reaches a blob store (see SealedEvidenceStorage).
 */
export interface EvidenceBlobStore {
  put(sha256: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes, or null when absent. */
  get(sha256: string): Promise<Buffer | null>;
  /** Removes the object; no error when absent. */
  delete(sha256: string): Promise<void>;
}
