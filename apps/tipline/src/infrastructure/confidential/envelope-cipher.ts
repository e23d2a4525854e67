import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import type { SealedBox } from '../../application/ports/identity-vault.port';

/** AES-256-GCM with 96-bit random IVs and 128-bit tags: at one key per tip, IV reuse is out of reach. */
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

// Distinct associated data per purpose and tip: a box moved to another tip, or a wrapped key
// presented as a box, fails authentication instead of decrypting.
const wrapAad = (tipId: string) => Buffer.from(`tipline/data-key/v1/${tipId}`, 'utf8');
const sealAad = (tipId: string) => Buffer.from(`tipline/reporter/v1/${tipId}`, 'utf8');

/** Wraps a tip's data key under a master key: iv ‖ tag ‖ ciphertext. */
export function wrapDataKey(masterKey: Buffer, tipId: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, masterKey, iv, { authTagLength: TAG_BYTES }).setAAD(wrapAad(tipId));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

/** The data key; throws when the master key is not the one it was wrapped with or the bytes were altered. */
export function unwrapDataKey(masterKey: Buffer, tipId: string, wrapped: Buffer): Buffer {
  if (wrapped.length !== IV_BYTES + TAG_BYTES + DATA_KEY_BYTES) throw new Error(`wrapped data key of tip ${tipId} has a wrong length`);
  const decipher = createDecipheriv(ALGORITHM, masterKey, wrapped.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(wrapAad(tipId)).setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`cannot unwrap the data key of tip ${tipId}: wrong master key or altered row`);
  }
}

export function sealWith(dataKey: Buffer, tipId: string, plaintext: string): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES }).setAAD(sealAad(tipId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: 1, iv: iv.toString('base64'), ciphertext: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext; throws (without echoing any content) when the box was altered or belongs to another tip. */
export function openWith(dataKey: Buffer, tipId: string, box: SealedBox): string {
  if (box?.v !== 1) throw new Error(`sealed box of tip ${tipId} has unknown version ${String(box?.v)}`);
  const iv = Buffer.from(box.iv, 'base64');
  const tag = Buffer.from(box.tag, 'base64');
  // A short tag would weaken GCM's authentication: only the full 16 bytes are accepted.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(`sealed box of tip ${tipId} is malformed`);
  const decipher = createDecipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(sealAad(tipId)).setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(box.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`sealed box of tip ${tipId} failed authentication: altered, or sealed for another tip`);
  }
}
