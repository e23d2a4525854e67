import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate, withTransaction } from '@lw/db';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { keyRingMigrations } from '../persistence/key-ring.migrations';
import { confidentialMigrations } from './confidential.migrations';
import { unwrapDataKey, wrapDataKey } from './envelope-cipher';
import { KeyRing, KeyRingFile } from './key-ring';
import type { MasterKeys } from './master-key';
import { PgIdentityVault } from './pg-identity-vault';

const SCHEMA = 'tipline';
let db: TestDatabase;
let pool: Pool;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('tl_ring');
  pool = db.pool(SCHEMA, 20);
  await migrate(pool, SCHEMA, [...confidentialMigrations, ...keyRingMigrations]);
});
afterAll(() => db.drop());
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tl-ring-'));
  // Each test is a new installation on the same database.
  await pool.query('TRUNCATE tip_data_keys, tip_key_ring');
  await pool.query('UPDATE tip_key_erasures SET pending = 0');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const master = (key = randomBytes(32), extra: [string, Buffer][] = []): MasterKeys => ({
  current: { id: 'local', key },
  all: new Map([['local', key], ...extra]),
  source: 'test',
});
const ringFile = (m: MasterKeys, name = 'x.ring') => new KeyRingFile(join(dir, name), m);
const vaultOf = (m: MasterKeys, name?: string) => new PgIdentityVault(pool, m, new KeyRing(ringFile(m, name)));
const seal = (v: PgIdentityVault, tipId: string, text: string) => withTransaction(pool, (tx) => v.seal(tipId, text, tx));
const erase = async (v: PgIdentityVault, tipId: string) => {
  await withTransaction(pool, (tx) => v.shred(tipId, tx));
  return v.completeErasures();
};
const keyRow = async (tipId: string) =>
  (await pool.query<{ master_key_id: string; wrapped: Buffer }>('SELECT master_key_id, wrapped FROM tip_data_keys WHERE tip_id = $1', [tipId])).rows[0];

/** Every key anyone could hold after the erasure: the ring as it now is on disk, and the master key. */
async function everyKeyNow(m: MasterKeys, file: KeyRingFile): Promise<Buffer[]> {
  return [...(await file.read())!.epochs.map((e) => e.key), ...m.all.values()];
}

describe('PgIdentityVault with a key ring', () => {
  it('wraps data keys under the ring epoch, not under the master key', async () => {
    const m = master();
    const v = vaultOf(m);
    await v.start();
    const tip = uuidv7();
    const box = await seal(v, tip, '举报人: 李四');
    expect(await v.open(tip, box)).toBe('举报人: 李四');
    const row = await keyRow(tip);
    expect(row.master_key_id).toBe('ring-1');
    expect(() => unwrapDataKey(m.current.key, tip, row.wrapped)).toThrow(/cannot unwrap/);
  });

  it('erasure rotates: the erased tip’s old wrapped key opens under no key that still exists, the others still open', async () => {
    const m = master();
    const v = vaultOf(m);
    await v.start();
    const [gone, kept1, kept2] = [uuidv7(), uuidv7(), uuidv7()];
    const boxes = await Promise.all([gone, kept1, kept2].map((t) => seal(v, t, `reporter ${t}`)));
    // What an attacker finds in WAL, dead tuples or a backup: the erased row as it was.
    const residue = await keyRow(gone);
    const before = (await ringFile(m).read())!;
    expect(unwrapDataKey(before.epochs[0].key, gone, residue.wrapped)).toHaveLength(32); // readable until the erasure

    expect(await erase(v, gone)).toBe(true);
    expect(v.erasurePending).toBe(false);

    const after = (await ringFile(m).read())!;
    expect(after.epochs.map((e) => e.id)).toEqual(['ring-2']);
    for (const key of await everyKeyNow(m, ringFile(m))) expect(() => unwrapDataKey(key, gone, residue.wrapped)).toThrow(/cannot unwrap/);
    expect(await v.open(gone, boxes[0])).toBeNull();
    expect(await v.open(kept1, boxes[1])).toBe(`reporter ${kept1}`);
    expect(await v.open(kept2, boxes[2])).toBe(`reporter ${kept2}`);
    expect((await keyRow(kept1)).master_key_id).toBe('ring-2');
    expect(Number((await pool.query('SELECT pending FROM tip_key_erasures')).rows[0].pending)).toBe(0);
    // A second process on the same ring (it still had ring-1 in memory) finds ring-2 on disk.
    expect(await vaultOf(m).open(kept1, boxes[1])).toBe(`reporter ${kept1}`);
  });

  it('several erasures in one go need one rotation; nothing pending means no rotation', async () => {
    const m = master();
    const v = vaultOf(m);
    await v.start();
    const tips = [uuidv7(), uuidv7(), uuidv7()];
    for (const t of tips) await seal(v, t, t);
    await withTransaction(pool, async (tx) => {
      await v.shred(tips[0], tx);
      await v.shred(tips[1], tx);
    });
    expect(await v.completeErasures()).toBe(true);
    expect(await v.completeErasures()).toBe(false);
    expect((await ringFile(m).read())!.current).toBe('ring-2');
  });

  it('a rotation interrupted by a crash is finished at the next start', async () => {
    const m = master();
    const v = vaultOf(m);
    await v.start();
    const [gone, kept] = [uuidv7(), uuidv7()];
    await seal(v, gone, 'gone');
    const keptBox = await seal(v, kept, 'kept');
    const residue = await keyRow(gone);
    await withTransaction(pool, (tx) => v.shred(gone, tx)); // committed, then the process dies before rotating

    const restarted = vaultOf(m);
    await restarted.start();
    for (const key of await everyKeyNow(m, ringFile(m))) expect(() => unwrapDataKey(key, gone, residue.wrapped)).toThrow(/cannot unwrap/);
    expect(await restarted.open(kept, keptBox)).toBe('kept');
  });

  it('refuses to start when the database has keys but the ring is missing or belongs to another master key', async () => {
    const m = master();
    const v = vaultOf(m);
    await v.start();
    const tip = uuidv7();
    const box = await seal(v, tip, 'kept');
    await expect(vaultOf(m, 'other.ring').start()).rejects.toThrow(/key ring .*other\.ring does not exist.*Restore/s);
    await expect(vaultOf(master(), 'x.ring').start()).rejects.toThrow(/does not open with master key/);
    expect(await v.open(tip, box)).toBe('kept');
    // The rightful ring and master start fine.
    await vaultOf(m).start();
    // An operator who knows the keys are lost (database restored from before an erasure) may start anyway.
    const lost = master();
    await new PgIdentityVault(pool, lost, new KeyRing(ringFile(lost, 'new.ring')), undefined, true).start();
    expect((await keyRow(tip)).master_key_id).toBe('ring-1'); // left as it is: unreadable, not deleted
  });

  it('moves keys an older version wrapped under the master key into the ring, then deletes the legacy key file', async () => {
    const legacyKey = randomBytes(32);
    const legacyFile = join(dir, 'data', 'tipline-master-key');
    mkdirSync(join(dir, 'data'));
    writeFileSync(legacyFile, legacyKey.toString('base64'));
    const tip = uuidv7();
    const dataKey = randomBytes(32);
    await pool.query(`INSERT INTO tip_data_keys (tip_id, master_key_id, wrapped) VALUES ($1, 'k1', $2)`, [tip, wrapDataKey(legacyKey, tip, dataKey)]);
    const m = { ...master(undefined, [['k1', legacyKey]]), legacyFile };
    const v = vaultOf(m);
    await v.start();
    const row = await keyRow(tip);
    expect(row.master_key_id).toMatch(/^ring-/);
    expect(unwrapDataKey((await ringFile(m).read())!.epochs[0].key, tip, row.wrapped).equals(dataKey)).toBe(true);
    expect(existsSync(legacyFile)).toBe(false);
  });

  it('master-key rotation: with the old key listed as old, a start re-encrypts the ring; then the old key is not needed', async () => {
    const oldKey = randomBytes(32);
    const before: MasterKeys = { current: { id: 'k1', key: oldKey }, all: new Map([['k1', oldKey]]) };
    const v = vaultOf(before);
    await v.start();
    const tip = uuidv7();
    const box = await seal(v, tip, 'kept');
    const newKey = randomBytes(32);
    const rotating: MasterKeys = { current: { id: 'k2', key: newKey }, all: new Map([['k2', newKey], ['k1', oldKey]]) };
    await vaultOf(rotating).start();
    const after: MasterKeys = { current: { id: 'k2', key: newKey }, all: new Map([['k2', newKey]]) };
    const v2 = vaultOf(after);
    await v2.start();
    expect(await v2.open(tip, box)).toBe('kept');
    await expect(ringFile(before).read()).rejects.toThrow(/master key "k2", which is not configured/);
  });

  it('seals running while erasures rotate lose no key', async () => {
    const m = master();
    const v = vaultOf(m);
    await v.start();
    const victims = Array.from({ length: 5 }, () => uuidv7());
    for (const t of victims) await seal(v, t, 'victim');
    const fresh = Array.from({ length: 30 }, () => uuidv7());
    const sealing = Promise.all(fresh.map((t) => seal(vaultOf(m), t, `fresh ${t}`)));
    const erasing = (async () => {
      for (const t of victims) await erase(v, t);
    })();
    const [boxes] = await Promise.all([sealing, erasing]);
    for (const [i, t] of fresh.entries()) expect(await v.open(t, boxes[i])).toBe(`fresh ${t}`);
    const ids = (await pool.query<{ id: string }>('SELECT DISTINCT master_key_id AS id FROM tip_data_keys')).rows.map((r) => r.id);
    expect(ids).toEqual([(await ringFile(m).read())!.current]);
  });

  it('upgrading with the master key that wrapped the old rows logs an error naming the master-key rotation; a rotated key does not', async () => {
    const k1 = randomBytes(32);
    const errors: string[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (_o: object, msg: string) => errors.push(msg) };
    const tip = uuidv7();
    await pool.query(`INSERT INTO tip_data_keys (tip_id, master_key_id, wrapped) VALUES ($1, 'k1', $2)`, [tip, wrapDataKey(k1, tip, randomBytes(32))]);
    // Same master key as before the upgrade: the erased rows in WAL/backups still open with it.
    const same: MasterKeys = { current: { id: 'k1', key: k1 }, all: new Map([['k1', k1]]) };
    await new PgIdentityVault(pool, same, new KeyRing(ringFile(same)), log).start();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/master key k1.*TIPLINE_MASTER_KEY.*TIPLINE_OLD_MASTER_KEYS/);
    expect((await keyRow(tip)).master_key_id).toMatch(/^ring-/);

    // The remedy: a new master key, k1 given as old for this one start. No error.
    await pool.query('TRUNCATE tip_data_keys, tip_key_ring');
    await pool.query(`INSERT INTO tip_data_keys (tip_id, master_key_id, wrapped) VALUES ($1, 'k1', $2)`, [tip, wrapDataKey(k1, tip, randomBytes(32))]);
    errors.length = 0;
    const rotated = master(undefined, [['k1', k1]]);
    await new PgIdentityVault(pool, rotated, new KeyRing(ringFile(rotated, 'rotated.ring')), log).start();
    expect(errors).toEqual([]);
  });

  it('a key read under an epoch a rotation destroys before it is unwrapped is read again, not a 500 (unwrap race)', async () => {
    const m = master();
    const ring = new KeyRing(ringFile(m));
    const v = new PgIdentityVault(pool, m, ring);
    await v.start();
    const tip = uuidv7();
    const box = await seal(v, tip, '举报人: 王五');
    // Between the read of the tip's key row and its unwrap, a rotation of this process re-wraps the
    // row under a new epoch and destroys the old one (the steps of rotateLocked, done by hand here).
    const rotateNow = async () => {
      const old = (await ring.file.read())!;
      const next = await ring.addEpoch();
      const r = await keyRow(tip);
      const dataKey = unwrapDataKey(old.epochs[0].key, tip, r.wrapped);
      await pool.query('UPDATE tip_data_keys SET master_key_id = $2, wrapped = $3 WHERE tip_id = $1', [tip, next.id, wrapDataKey(next.key, tip, dataKey)]);
      await ring.retainOnly(next.id);
    };
    const again = await withTransaction(pool, async (tx) => {
      let raced = false;
      const racing = new Proxy(tx, {
        get(target, prop, receiver) {
          if (prop !== 'query') return Reflect.get(target, prop, receiver);
          return async (...args: Parameters<PoolClient['query']>) => {
            const result = await (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
            if (!raced && String(args[0]).startsWith('SELECT master_key_id, wrapped')) {
              raced = true;
              await rotateNow();
            }
            return result;
          };
        },
      });
      return v.seal(tip, '举报人: 王五（补充）', racing);
    });
    expect(await v.open(tip, again)).toBe('举报人: 王五（补充）');
    expect(await v.open(tip, box)).toBe('举报人: 王五');
  });
});
