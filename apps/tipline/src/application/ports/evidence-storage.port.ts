/**
 * Evidence files of a tip, encrypted under keys derived from the tip's data key: shredding that key
 * (erasure of the reporter's identity) makes them unreadable along with it.
 */
export abstract class EvidenceStorage {
  /**
   * Encrypts and stores one file of a tip, creating the tip's data key if needed. Returns the
   * address the tip's event records: the hash of the encrypted object, which says nothing about the
   * plaintext and differs between tips for the same file.
   */
  abstract put(tipId: string, bytes: Buffer, mediaType: string): Promise<string>;
  /**
   * The file's plaintext, or null when the object is missing from storage. Throws a
   * DomainNotFoundError (evidence.erased) when the tip's data key was shredded.
   */
  abstract get(tipId: string, address: string): Promise<Buffer | null>;
}
