import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync } from 'crypto';

/** Marks an encrypted evidence object; files stored by earlier versions (plaintext) lack it. */
export const SEALED_EVIDENCE_MAGIC = Buffer.from('LWE1', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Keys for one tip's evidence, derived from its data key: shredding that key takes these with it. */
function keysOf(dataKey: Buffer, tipId: string): { enc: Buffer; iv: Buffer } {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `tipline/evidence/${purpose}/v1/${tipId}`, 32));
  return { enc: derive('enc'), iv: derive('iv') };
}

/**
 * AES-256-GCM with a synthetic IV (HMAC of the plaintext under a key of the tip): deterministic per
 * tip, so a retried submission stores the same object again (idempotent) and the address is stable;
 * under another tip's key the same file gives unrelated bytes, so addresses never link tips. Two
 * different files share an IV only on a 96-bit HMAC collision. Layout: magic ‖ iv ‖ tag ‖ ciphertext.
 */
export function sealEvidence(dataKey: Buffer, tipId: string, plaintext: Buffer): Buffer {
  const k = keysOf(dataKey, tipId);
  const iv = createHmac('sha256', k.iv).update(plaintext).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', k.enc, iv, { authTagLength: TAG_BYTES }).setAAD(aad(tipId));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([SEALED_EVIDENCE_MAGIC, iv, cipher.getAuthTag(), ct]);
}

/** The plaintext; throws when the object was altered or belongs to another tip. */
export function openEvidence(dataKey: Buffer, tipId: string, sealed: Buffer): Buffer {
  const head = SEALED_EVIDENCE_MAGIC.length;
  if (!isSealedEvidence(sealed) || sealed.length < head + IV_BYTES + TAG_BYTES) throw new Error(`evidence object of tip ${tipId} is not sealed evidence`);
  const k = keysOf(dataKey, tipId);
  const decipher = createDecipheriv('aes-256-gcm', k.enc, sealed.subarray(head, head + IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(tipId)).setAuthTag(sealed.subarray(head + IV_BYTES, head + IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(head + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`evidence object of tip ${tipId} failed authentication: altered, or sealed for another tip`);
  }
}

export function isSealedEvidence(bytes: Buffer): boolean {
  return bytes.subarray(0, SEALED_EVIDENCE_MAGIC.length).equals(SEALED_EVIDENCE_MAGIC);
}

/** The blob store's address of a sealed object. */
export function addressOf(sealed: Buffer): string {
  return createHash('sha256').update(sealed).digest('hex');
}

const aad = (tipId: string) => Buffer.from(`tipline/evidence/v1/${tipId}`, 'utf8');
