import { createDecipheriv } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * What an attacker who also got hold of the key folder (TIPLINE_KEY_DIR) could open: the embedded
 * master key and the key ring it encrypts, read with the formats of
 * apps/tipline/src/infrastructure/confidential/{master-key,key-ring,envelope-cipher}.ts. Re-implemented
 * here (node's crypto only) because those are not public code of the product; the suite proves the
 * re-implementation right on a living tip's key (a control that must unwrap).
 */
export interface KeyMaterial {
  /** Master keys found in the key folder (`<install id>.key`), base64-decoded. */
  masters: Buffer[];
  /** Every epoch of every ring file (`<install id>.ring`) that a master key opens. */
  epochs: { id: string; key: Buffer }[];
}

const RING_AAD = Buffer.from('tipline/key-ring/v1', 'utf8');
const wrapAad = (tipId: string) => Buffer.from(`tipline/data-key/v1/${tipId}`, 'utf8');

export function readKeyMaterial(keyDir: string): KeyMaterial {
  const masters: Buffer[] = [];
  const epochs: { id: string; key: Buffer }[] = [];
  if (!existsSync(keyDir)) return { masters, epochs };
  const names = readdirSync(keyDir);
  for (const name of names.filter((n) => n.endsWith('.key'))) masters.push(Buffer.from(readFileSync(join(keyDir, name), 'utf8').trim(), 'base64'));
  for (const name of names.filter((n) => n.endsWith('.ring'))) {
    const outer = JSON.parse(readFileSync(join(keyDir, name), 'utf8')) as { iv: string; tag: string; data: string };
    for (const master of masters) {
      try {
        const d = createDecipheriv('aes-256-gcm', master, Buffer.from(outer.iv, 'base64'), { authTagLength: 16 });
        d.setAAD(RING_AAD).setAuthTag(Buffer.from(outer.tag, 'base64'));
        const inner = JSON.parse(Buffer.concat([d.update(Buffer.from(outer.data, 'base64')), d.final()]).toString('utf8')) as { epochs: { id: string; key: string }[] };
        for (const e of inner.epochs) epochs.push({ id: e.id, key: Buffer.from(e.key, 'base64') });
      } catch {
        /* not this master key */
      }
    }
  }
  return { masters, epochs };
}

/** The data key if `key` unwraps the tip's wrapped key (iv ‖ tag ‖ ciphertext), else undefined. */
export function tryUnwrap(key: Buffer, tipId: string, wrapped: Buffer): Buffer | undefined {
  if (key.length !== 32 || wrapped.length !== 12 + 16 + 32) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, 12), { authTagLength: 16 });
    d.setAAD(wrapAad(tipId)).setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([d.update(wrapped.subarray(28)), d.final()]);
  } catch {
    return undefined;
  }
}
