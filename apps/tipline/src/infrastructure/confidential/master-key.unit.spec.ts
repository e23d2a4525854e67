import { randomBytes } from 'crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { existsSync } from 'fs';
import { INSTALL_ID_FILE, keyRingPath, LEGACY_MASTER_KEY_FILE, loadMasterKeys } from './master-key';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tipline-mk-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (n = 32) => randomBytes(n).toString('base64');
const embedded = () => ({ mode: 'embedded' as const, dataDir: join(dir, 'data') });
/** Where embedded mode keeps its keys in these tests (the default is ~/.config/liangwei). */
const KEY_DIR = () => ({ TIPLINE_KEY_DIR: join(dir, 'config') });
const keyFile = () => join(dir, 'config', `${readFileSync(join(dir, 'data', INSTALL_ID_FILE), 'utf8').trim()}.key`);
const distributed = () => ({ mode: 'distributed' as const, dataDir: join(dir, 'data') });

describe('loadMasterKeys', () => {
  it('takes the key from TIPLINE_MASTER_KEY with id k1 by default, or TIPLINE_MASTER_KEY_ID', () => {
    const key = b64();
    const keys = loadMasterKeys({ TIPLINE_MASTER_KEY: key }, distributed());
    expect(keys.current.id).toBe('k1');
    expect(keys.current.key.equals(Buffer.from(key, 'base64'))).toBe(true);
    expect([...keys.all.keys()]).toEqual(['k1']);
    expect(loadMasterKeys({ TIPLINE_MASTER_KEY: key, TIPLINE_MASTER_KEY_ID: '2026-q3' }, distributed()).current.id).toBe('2026-q3');
  });

  it('adds older keys from TIPLINE_OLD_MASTER_KEYS for rotation', () => {
    const [cur, a, b] = [b64(), b64(), b64()];
    const keys = loadMasterKeys({ TIPLINE_MASTER_KEY: cur, TIPLINE_MASTER_KEY_ID: 'k3', TIPLINE_OLD_MASTER_KEYS: `k1:${a}, k2:${b}` }, distributed());
    expect(keys.current.id).toBe('k3');
    expect(keys.all.get('k1')!.equals(Buffer.from(a, 'base64'))).toBe(true);
    expect(keys.all.get('k2')!.equals(Buffer.from(b, 'base64'))).toBe(true);
    expect(keys.all.get('k3')!.equals(keys.current.key)).toBe(true);
  });

  it('rejects keys that are not exactly 32 bytes of valid base64', () => {
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY: b64(16) }, distributed())).toThrow(/exactly 32 bytes \(got 16 bytes\)/);
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY: b64(33) }, distributed())).toThrow(/exactly 32 bytes/);
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY: `${b64()}!` }, distributed())).toThrow(/invalid base64/);
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY: b64(), TIPLINE_OLD_MASTER_KEYS: `k0:${b64(31)}` }, distributed())).toThrow(
      /TIPLINE_OLD_MASTER_KEYS \(k0\) must be base64 of exactly 32 bytes/,
    );
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY: b64(), TIPLINE_OLD_MASTER_KEYS: b64() }, distributed())).toThrow(/id:base64/);
  });

  it('rejects one id for two different keys, and bad ids', () => {
    const env = { TIPLINE_MASTER_KEY: b64(), TIPLINE_OLD_MASTER_KEYS: `k1:${b64()}` };
    expect(() => loadMasterKeys(env, distributed())).toThrow(/k1 is given twice/);
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY: b64(), TIPLINE_MASTER_KEY_ID: 'a b' }, distributed())).toThrow(/key id/);
  });

  it('refuses to start in distributed mode without a key, and writes no file', () => {
    expect(() => loadMasterKeys({}, distributed())).toThrow(/TIPLINE_MASTER_KEY \(or TIPLINE_MASTER_KEY_FILE\) is required in distributed mode/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('generates a key once in embedded mode into a 0600 file OUTSIDE the data folder and reuses it', () => {
    const first = loadMasterKeys(KEY_DIR(), embedded());
    const file = keyFile();
    expect(first.source).toBe(file);
    expect(file.startsWith(join(dir, 'data'))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.current.key)).toBe(true);
    expect(first.current.key).toHaveLength(32);
    const second = loadMasterKeys(KEY_DIR(), embedded());
    expect(second.current.key.equals(first.current.key)).toBe(true);
    // Nothing secret in the data folder: only the installation's id.
    expect(readFileSync(join(dir, 'data', INSTALL_ID_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{16}$/);
    expect(existsSync(join(dir, 'data', LEGACY_MASTER_KEY_FILE))).toBe(false);
    expect(keyRingPath(KEY_DIR(), embedded())).toBe(file.replace(/\.key$/, '.ring'));
  });

  it('defaults to $XDG_CONFIG_HOME/liangwei', () => {
    const keys = loadMasterKeys({ XDG_CONFIG_HOME: join(dir, 'xdg') }, embedded());
    expect(keys.source!.startsWith(join(dir, 'xdg', 'liangwei'))).toBe(true);
  });

  it('refuses a key file, key dir or key ring inside the data folder', () => {
    expect(() => loadMasterKeys({ TIPLINE_KEY_DIR: join(dir, 'data', 'keys') }, embedded())).toThrow(/TIPLINE_KEY_DIR .* lies inside DATA_DIR/);
    writeFileSync(join(dir, 'k'), `${b64()}\n`, { mode: 0o600 });
    expect(loadMasterKeys({ TIPLINE_MASTER_KEY_FILE: join(dir, 'k') }, distributed()).source).toBe(join(dir, 'k'));
    expect(() => loadMasterKeys({ TIPLINE_MASTER_KEY_FILE: join(dir, 'data', 'k') }, distributed())).toThrow(/lies inside DATA_DIR/);
    expect(() => keyRingPath({ TIPLINE_KEY_RING_FILE: join(dir, 'data', 'ring') }, distributed())).toThrow(/lies inside DATA_DIR/);
    expect(keyRingPath({}, distributed())).toBeNull();
  });

  it('prefers the environment over the file in embedded mode', () => {
    loadMasterKeys(KEY_DIR(), embedded());
    const key = b64();
    expect(loadMasterKeys({ ...KEY_DIR(), TIPLINE_MASTER_KEY: key }, embedded()).current.key.equals(Buffer.from(key, 'base64'))).toBe(true);
  });

  it('keeps a legacy key file found in the data folder as an old key (k1), to be re-wrapped and deleted', () => {
    const legacy = randomBytes(32);
    const file = join(dir, 'data', LEGACY_MASTER_KEY_FILE);
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(file, `${legacy.toString('base64')}\n`, { mode: 0o600 });
    const keys = loadMasterKeys(KEY_DIR(), embedded());
    expect(keys.legacyFile).toBe(file);
    expect(keys.current.id).toBe('local');
    expect(keys.current.key.equals(legacy)).toBe(false);
    expect(keys.all.get('k1')!.equals(legacy)).toBe(true);
  });

  it('never silently replaces a broken or exposed key file', () => {
    loadMasterKeys(KEY_DIR(), embedded());
    const file = keyFile();
    chmodSync(file, 0o644);
    expect(() => loadMasterKeys(KEY_DIR(), embedded())).toThrow(/chmod 600/);
    writeFileSync(file, 'garbage', { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(() => loadMasterKeys(KEY_DIR(), embedded())).toThrow(/must be base64 of exactly 32 bytes/);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });
});
