/**
 * Where evidence files live: a local folder in embedded mode, object storage in distributed mode.
 * Content addressed by SHA-256 (lower-case hex): storing the same bytes twice keeps one object.
 */
export interface EvidenceStorage {
  put(sha256: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes, or null when absent. */
  get(sha256: string): Promise<Buffer | null>;
  /** Removes the object; no error when absent. */
  delete(sha256: string): Promise<void>;
}
