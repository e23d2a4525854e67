import { randomBytes } from 'crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Mode } from '@lw/runtime';

/** The master keys that wrap the per-tip data keys: `current` wraps new ones, `all` opens old ones too. */
export interface MasterKeys {
  current: { id: string; key: Buffer };
  /** Every usable key by id, the current one included (older ones stay until `rewrap` moved their data keys). */
  all: Map<string, Buffer>;
}

export const MASTER_KEY_FILE = 'tipline-master-key';
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Reads the master keys from the environment:
 *   TIPLINE_MASTER_KEY      base64 of 32 bytes
 *   TIPLINE_MASTER_KEY_ID   its id, stored beside each wrapped key (default "k1")
 *   TIPLINE_OLD_MASTER_KEYS "id:base64,id:base64", earlier keys kept for reading during rotation
 * Embedded mode without TIPLINE_MASTER_KEY generates one key into `<dataDir>/tipline-master-key`
 * (mode 0600) and reuses it on every start, so a demo install is encrypted without any setup.
 * Distributed mode refuses to start without one: a generated key on one replica's disk would make
 * the other replicas' boxes unreadable.
 */
export function loadMasterKeys(env: NodeJS.ProcessEnv, opts: { mode: Mode; dataDir: string }): MasterKeys {
  const id = env.TIPLINE_MASTER_KEY_ID?.trim() || 'k1';
  checkId(id, 'TIPLINE_MASTER_KEY_ID');
  let key: Buffer;
  if (env.TIPLINE_MASTER_KEY?.trim()) {
    key = decodeKey(env.TIPLINE_MASTER_KEY, 'TIPLINE_MASTER_KEY');
  } else if (opts.mode === 'embedded') {
    key = fileKey(opts.dataDir);
  } else {
    throw new Error(
      'TIPLINE_MASTER_KEY is required in distributed mode: base64 of 32 random bytes (e.g. `openssl rand -base64 32`), ' +
        'the same on every replica; it encrypts reporter identities, keep it in a secret store and back it up',
    );
  }
  const all = new Map<string, Buffer>([[id, key]]);
  for (const entry of (env.TIPLINE_OLD_MASTER_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error('TIPLINE_OLD_MASTER_KEYS must be "id:base64,id:base64"');
    const oldId = entry.slice(0, colon).trim();
    checkId(oldId, 'TIPLINE_OLD_MASTER_KEYS');
    const oldKey = decodeKey(entry.slice(colon + 1), `TIPLINE_OLD_MASTER_KEYS (${oldId})`);
    const known = all.get(oldId);
    // The same id for two different keys would make boxes wrapped under one of them unreadable.
    if (known && !known.equals(oldKey)) throw new Error(`master key id ${oldId} is given twice with different keys`);
    all.set(oldId, oldKey);
  }
  return { current: { id, key }, all };
}

function checkId(id: string, name: string): void {
  if (!KEY_ID.test(id)) throw new Error(`${name}: key id ${JSON.stringify(id)} must be 1-64 of A-Z a-z 0-9 _ . -`);
}

function decodeKey(text: string, name: string): Buffer {
  const s = text.trim();
  const key = Buffer.from(s, 'base64');
  // Buffer.from skips characters it does not know: re-encode to catch typos and truncation.
  const exact = key.toString('base64').replace(/=+$/, '') === s.replace(/=+$/, '');
  if (!exact || key.length !== KEY_BYTES) {
    throw new Error(`${name} must be base64 of exactly ${KEY_BYTES} bytes (got ${exact ? `${key.length} bytes` : 'invalid base64'})`);
  }
  return key;
}

/** The embedded key file: created once, atomically (two processes starting together agree on one key). */
function fileKey(dataDir: string): Buffer {
  const path = join(dataDir, MASTER_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    return readKeyFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600); // the umask may have narrowed it further, never widened: make it exact
  try {
    linkSync(tmp, path); // fails if another process won the race: then its key is the one
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return readKeyFile(path);
}

function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8');
  // Never regenerate a broken file: boxes sealed under the old key would be lost for ever.
  const key = decodeKey(text, path);
  if ((statSync(path).mode & 0o077) !== 0) throw new Error(`${path} must not be readable by group or others (chmod 600)`);
  return key;
}
