import { randomBytes } from 'crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { isAbsolute, join, relative, resolve } from 'path';
import type { Mode } from '@lw/runtime';

/**
 * The master keys. With a key ring (see key-ring.ts) the current one only encrypts the ring file and
 * the others open data keys an older version wrapped directly; without a ring (distributed mode
 * without TIPLINE_KEY_RING_FILE) they wrap the per-tip data keys themselves.
 */
export interface MasterKeys {
  current: { id: string; key: Buffer };
  /** Every usable key by id, the current one included (older ones stay until `rewrap` moved their data keys). */
  all: Map<string, Buffer>;
  /** Where the current key came from, for the start-up log: a variable name or a path, never the key. */
  source?: string;
  /** A key file an older version kept INSIDE the data folder: deleted once its data keys were re-wrapped. */
  legacyFile?: string;
}

export interface KeyOptions {
  mode: Mode;
  dataDir: string;
}

/** Where versions up to 2026-11 kept the embedded master key: inside the data folder, which is the hole (issue 14, H4). */
export const LEGACY_MASTER_KEY_FILE = 'tipline-master-key';
/** Not secret: names this installation's key files, which live outside the data folder. */
export const INSTALL_ID_FILE = 'install-id';
/** Id of the master key generated for an embedded installation (the legacy file's keys keep theirs). */
export const LOCAL_KEY_ID = 'local';
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Reads the master keys:
 *   TIPLINE_MASTER_KEY      base64 of 32 bytes (a secret store, a Kubernetes Secret), or
 *   TIPLINE_MASTER_KEY_FILE a file holding it (mode 0600, outside DATA_DIR)
 *   TIPLINE_MASTER_KEY_ID   its id (default "k1")
 *   TIPLINE_OLD_MASTER_KEYS "id:base64,id:base64", earlier keys kept for reading during rotation
 * Embedded mode with neither generates one key into `<key dir>/<install id>.key` (0600), the key dir
 * being TIPLINE_KEY_DIR or `$XDG_CONFIG_HOME/liangwei` (`~/.config/liangwei`): never inside the data
 * folder, so a copy or backup of the data folder does not carry the key. Distributed mode refuses
 * to start without a key: a generated key on one replica's disk would lock out the others.
 */
export function loadMasterKeys(env: NodeJS.ProcessEnv, opts: KeyOptions): MasterKeys {
  const envId = env.TIPLINE_MASTER_KEY_ID?.trim();
  if (envId) checkId(envId, 'TIPLINE_MASTER_KEY_ID');
  let id = envId || 'k1';
  let key: Buffer;
  let source: string;
  let legacyFile: string | undefined;
  let legacyKey: Buffer | undefined;
  const keyFile = env.TIPLINE_MASTER_KEY_FILE?.trim();
  if (env.TIPLINE_MASTER_KEY?.trim()) {
    key = decodeKey(env.TIPLINE_MASTER_KEY, 'TIPLINE_MASTER_KEY');
    source = 'TIPLINE_MASTER_KEY';
  } else if (keyFile) {
    const path = resolve(keyFile);
    refuseInside(opts.dataDir, path, 'TIPLINE_MASTER_KEY_FILE');
    key = readKeyFile(path);
    source = path;
  } else if (opts.mode === 'embedded') {
    const path = join(keyDir(env, opts.dataDir), `${installId(opts.dataDir)}.key`);
    key = fileKey(path);
    source = path;
    id = envId || LOCAL_KEY_ID;
    const legacy = join(opts.dataDir, LEGACY_MASTER_KEY_FILE);
    if (existsSync(legacy)) {
      legacyFile = legacy;
      legacyKey = readKeyFile(legacy);
    }
  } else {
    throw new Error(
      'TIPLINE_MASTER_KEY (or TIPLINE_MASTER_KEY_FILE) is required in distributed mode: base64 of 32 random bytes ' +
        '(e.g. `openssl rand -base64 32`), the same on every replica; it encrypts reporter identities, keep it in a secret store and back it up',
    );
  }
  if (id.startsWith('ring-')) throw new Error(`TIPLINE_MASTER_KEY_ID: ids starting with "ring-" name key-ring epochs`);
  const all = new Map<string, Buffer>([[id, key]]);
  // The legacy file's rows carry the id they were written with: TIPLINE_MASTER_KEY_ID or "k1".
  if (legacyKey) addKey(all, envId && envId !== id ? envId : 'k1', legacyKey);
  for (const entry of (env.TIPLINE_OLD_MASTER_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error('TIPLINE_OLD_MASTER_KEYS must be "id:base64,id:base64"');
    const oldId = entry.slice(0, colon).trim();
    checkId(oldId, 'TIPLINE_OLD_MASTER_KEYS');
    addKey(all, oldId, decodeKey(entry.slice(colon + 1), `TIPLINE_OLD_MASTER_KEYS (${oldId})`));
  }
  return { current: { id, key }, all, source, ...(legacyFile ? { legacyFile } : {}) };
}

/**
 * The key ring file (key-ring.ts): TIPLINE_KEY_RING_FILE, or in embedded mode `<key dir>/<install id>.ring`
 * beside the generated master key. Null in distributed mode without the setting: the ring then lives
 * in the evidence storage (key-ring-location.ts).
 */
export function keyRingPath(env: NodeJS.ProcessEnv, opts: KeyOptions): string | null {
  const given = env.TIPLINE_KEY_RING_FILE?.trim();
  const path = given ? resolve(given) : opts.mode === 'embedded' ? join(keyDir(env, opts.dataDir), `${installId(opts.dataDir)}.ring`) : null;
  if (path) refuseInside(opts.dataDir, path, 'TIPLINE_KEY_RING_FILE');
  return path;
}

/** TIPLINE_KEY_DIR, or `$XDG_CONFIG_HOME/liangwei`, or `~/.config/liangwei`; never inside the data folder. */
export function keyDir(env: NodeJS.ProcessEnv, dataDir: string): string {
  const dir = resolve(env.TIPLINE_KEY_DIR?.trim() || join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'liangwei'));
  refuseInside(dataDir, dir, 'TIPLINE_KEY_DIR');
  return dir;
}

/** This installation's id, kept (not secret) in the data folder; created on first start. */
export function installId(dataDir: string): string {
  const path = join(dataDir, INSTALL_ID_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(8).toString('hex')}\n`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const id = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{16}$/.test(id)) throw new Error(`${path} must hold 16 hex digits (this installation's id), got ${JSON.stringify(id)}`);
  return id;
}

function refuseInside(dataDir: string, path: string, name: string): void {
  const rel = relative(resolve(dataDir), resolve(path));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(`${name} (${path}) lies inside DATA_DIR (${resolve(dataDir)}): a copy or backup of the data folder would carry the key; keep it elsewhere`);
  }
}

function addKey(all: Map<string, Buffer>, id: string, key: Buffer): void {
  const known = all.get(id);
  // The same id for two different keys would make boxes wrapped under one of them unreadable.
  if (known && !known.equals(key)) throw new Error(`master key id ${id} is given twice with different keys`);
  all.set(id, key);
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
function fileKey(path: string): Buffer {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
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
