import { randomBytes } from 'crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadMasterKeys, MASTER_KEY_FILE } from './master-key';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tipline-mk-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (n = 32) => randomBytes(n).toString('base64');
const embedded = () => ({ mode: 'embedded' as const, dataDir: join(dir, 'data') });
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
    expect(() => loadMasterKeys({}, distributed())).toThrow(/TIPLINE_MASTER_KEY is required in distributed mode/);
    expect(() => statSync(join(dir, 'data', MASTER_KEY_FILE))).toThrow();
  });

  it('generates a key once in embedded mode into a 0600 file and reuses it', () => {
    const first = loadMasterKeys({}, embedded());
    const file = join(dir, 'data', MASTER_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.current.key)).toBe(true);
    expect(first.current.key).toHaveLength(32);
    const second = loadMasterKeys({}, embedded());
    expect(second.current.key.equals(first.current.key)).toBe(true);
  });

  it('prefers the environment over the file in embedded mode', () => {
    loadMasterKeys({}, embedded());
    const key = b64();
    expect(loadMasterKeys({ TIPLINE_MASTER_KEY: key }, embedded()).current.key.equals(Buffer.from(key, 'base64'))).toBe(true);
  });

  it('never silently replaces a broken or exposed key file', () => {
    const file = join(dir, 'data', MASTER_KEY_FILE);
    loadMasterKeys({}, embedded());
    chmodSync(file, 0o644);
    expect(() => loadMasterKeys({}, embedded())).toThrow(/chmod 600/);
    writeFileSync(file, 'garbage', { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(() => loadMasterKeys({}, embedded())).toThrow(/must be base64 of exactly 32 bytes/);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });
});
