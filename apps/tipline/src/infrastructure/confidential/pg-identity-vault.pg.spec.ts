import { randomBytes } from 'crypto';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate, withTransaction } from '@lw/db';
import { createTestDatabase, waitFor, type TestDatabase } from '@lw/testing';
import type { SealedBox } from '../../application/ports/identity-vault.port';
import { confidentialMigrations } from './confidential.migrations';
import { unwrapDataKey } from './envelope-cipher';
import type { MasterKeys } from './master-key';
import { PgIdentityVault } from './pg-identity-vault';

const SCHEMA = 'tipline';
const K1 = randomBytes(32);
let db: TestDatabase;
let pool: Pool;
let vault: PgIdentityVault;

beforeAll(async () => {
  db = await createTestDatabase('tl_vault');
  pool = db.pool(SCHEMA, 20);
  await migrate(pool, SCHEMA, confidentialMigrations);
  vault = vaultFor(masterKeys(['k1', K1]));
  // Stands in for the event store: history holding sealed boxes, which a shred must leave intact.
  await pool.query('CREATE TABLE tip_history (tip_id uuid NOT NULL, box jsonb NOT NULL)');
});
afterAll(() => db.drop());

const masterKeys = (current: [string, Buffer], ...old: [string, Buffer][]): MasterKeys => ({
  current: { id: current[0], key: current[1] },
  all: new Map([current, ...old]),
});
const vaultFor = (keys: MasterKeys) => new PgIdentityVault(pool, keys);

const REPORTER = JSON.stringify({ name: '张晓红', phone: '13912345678', address: '城关镇东街 12 号' });
const seal = (v: PgIdentityVault, tipId: string, text = REPORTER) => withTransaction(pool, (tx) => v.seal(tipId, text, tx));
const keyRow = async (tipId: string) =>
  (await pool.query<{ master_key_id: string; wrapped: Buffer }>('SELECT master_key_id, wrapped FROM tip_data_keys WHERE tip_id = $1', [tipId])).rows[0];
const b64flip = (s: string, i = 0) => {
  const b = Buffer.from(s, 'base64');
  b[i] ^= 0x01;
  return b.toString('base64');
};

/** How many rows of any table in the database contain `needle` in their text form (bytea shows as hex). */
async function rowsContaining(needle: string): Promise<number> {
  const tables = await pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['tip_data_keys', 'tip_history']));
  let hits = 0;
  for (const t of tables.rows) {
    const res = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.schema}"."${t.name}" r WHERE strpos(r::text, $1) > 0`, [needle]);
    hits += Number(res.rows[0].n);
  }
  return hits;
}

describe('PgIdentityVault', () => {
  it('opens what it sealed, and the box holds no plaintext', async () => {
    const tipId = uuidv7();
    const box = await seal(vault, tipId);
    expect(await vault.open(tipId, box)).toBe(REPORTER);
    const raw = Buffer.concat([Buffer.from(box.ciphertext, 'base64'), Buffer.from(box.iv, 'base64'), Buffer.from(box.tag, 'base64')]);
    for (const part of ['张晓红', '13912345678', '城关镇']) {
      expect(JSON.stringify(box)).not.toContain(part);
      expect(raw.includes(Buffer.from(part, 'utf8'))).toBe(false);
    }
    expect(await rowsContaining('13912345678')).toBe(0);
  });

  it('uses one key per tip for every box and a fresh IV for each', async () => {
    const tipId = uuidv7();
    const a = await seal(vault, tipId, 'first');
    const b = await seal(vault, tipId, 'first');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(await vault.open(tipId, a)).toBe('first');
    expect(await vault.open(tipId, b)).toBe('first');
    expect((await pool.query('SELECT 1 FROM tip_data_keys WHERE tip_id = $1', [tipId])).rowCount).toBe(1);
  });

  it('after a shred the box stays in history but nothing in the database can open it', async () => {
    const tipId = uuidv7();
    const box = await seal(vault, tipId);
    await pool.query('INSERT INTO tip_history (tip_id, box) VALUES ($1, $2)', [tipId, JSON.stringify(box)]);
    const { wrapped } = await keyRow(tipId);
    const dataKey = unwrapDataKey(K1, tipId, wrapped);

    expect(await withTransaction(pool, (tx) => vault.shred(tipId, tx))).toBe(true);
    await vault.vacuum();

    expect(await vault.open(tipId, box)).toBeNull();
    expect(await withTransaction(pool, (tx) => vault.shred(tipId, tx))).toBe(false);
    for (const needle of ['张晓红', '13912345678', wrapped.toString('hex'), dataKey.toString('hex'), dataKey.toString('base64')]) {
      expect(await rowsContaining(needle)).toBe(0);
    }
    // History intact: the box is still there, just unreadable.
    const kept = await pool.query<{ box: SealedBox }>('SELECT box FROM tip_history WHERE tip_id = $1', [tipId]);
    expect(kept.rows[0].box).toEqual(box);
  });

  it('a shred rolled back with its transaction keeps the key', async () => {
    const tipId = uuidv7();
    const box = await seal(vault, tipId);
    await expect(
      withTransaction(pool, async (tx) => {
        await vault.shred(tipId, tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await vault.open(tipId, box)).toBe(REPORTER);
  });

  it('a seal rolled back with its transaction leaves no key behind', async () => {
    const tipId = uuidv7();
    await expect(
      withTransaction(pool, async (tx) => {
        await vault.seal(tipId, REPORTER, tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await keyRow(tipId)).toBeUndefined();
  });

  it('cannot open with a different master key under the same id, nor with the id missing', async () => {
    const tipId = uuidv7();
    const box = await seal(vault, tipId);
    const wrong = vaultFor(masterKeys(['k1', randomBytes(32)]));
    await expect(wrong.open(tipId, box)).rejects.toThrow(/wrong master key/);
    const missing = vaultFor(masterKeys(['k9', randomBytes(32)]));
    await expect(missing.open(tipId, box)).rejects.toThrow(/master key k1, which is not configured/);
  });

  it('throws on a tampered box, and the error does not echo the plaintext', async () => {
    const tipId = uuidv7();
    const box = await seal(vault, tipId);
    const variants: SealedBox[] = [
      { ...box, ciphertext: b64flip(box.ciphertext, 3) },
      { ...box, tag: b64flip(box.tag) },
      { ...box, iv: b64flip(box.iv) },
      { ...box, tag: Buffer.from(box.tag, 'base64').subarray(0, 8).toString('base64') },
      { ...box, v: 2 as 1 },
    ];
    for (const bad of variants) {
      const err = await vault.open(tipId, bad).then(
        () => null,
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).not.toContain('张晓红');
    }
    expect(await vault.open(tipId, box)).toBe(REPORTER);
  });

  it('a wrapped key row altered in the database no longer unwraps', async () => {
    const tipId = uuidv7();
    const box = await seal(vault, tipId);
    // Flip every bit of one byte (writing a fixed 0xff left the row unchanged when the byte already was 0xff: 1 run in 256).
    await pool.query(`UPDATE tip_data_keys SET wrapped = set_byte(wrapped, 29, get_byte(wrapped, 29) # 255) WHERE tip_id = $1`, [tipId]);
    await expect(vault.open(tipId, box)).rejects.toThrow(/altered row/);
  });

  it('a box of tip A cannot be opened as tip B, even with A’s wrapped key copied to B', async () => {
    const a = uuidv7();
    const b = uuidv7();
    const boxA = await seal(vault, a, 'reporter of A');
    await seal(vault, b, 'reporter of B');
    await expect(vault.open(b, boxA)).rejects.toThrow(/failed authentication/);
    await pool.query('UPDATE tip_data_keys SET wrapped = (SELECT wrapped FROM tip_data_keys WHERE tip_id = $1) WHERE tip_id = $2', [a, b]);
    await expect(vault.open(b, boxA)).rejects.toThrow(/cannot unwrap/);
    expect(await vault.open(a, boxA)).toBe('reporter of A');
  });

  it('rotation: re-wraps every key of the old master key; afterwards the old key is not needed', async () => {
    const old = randomBytes(32);
    const oldVault = vaultFor(masterKeys(['old', old]));
    const tips = [uuidv7(), uuidv7(), uuidv7()];
    const boxes = await Promise.all(tips.map((t, i) => seal(oldVault, t, `reporter ${i}`)));
    const shredded = tips[2];
    await withTransaction(pool, (tx) => oldVault.shred(shredded, tx));

    const NEW = randomBytes(32);
    const rotating = vaultFor(masterKeys(['new', NEW], ['old', old]));
    expect(await rotating.open(tips[0], boxes[0])).toBe('reporter 0'); // readable before the re-wrap too
    const fresh = uuidv7();
    const freshBox = await seal(rotating, fresh, 'after rotation');
    expect((await keyRow(fresh)).master_key_id).toBe('new');

    expect(await rotating.rewrap('old')).toBe(2);
    expect(await rotating.rewrap('old')).toBe(0);
    expect((await pool.query("SELECT 1 FROM tip_data_keys WHERE master_key_id = 'old'")).rowCount).toBe(0);

    const newOnly = vaultFor(masterKeys(['new', NEW]));
    expect(await newOnly.open(tips[0], boxes[0])).toBe('reporter 0');
    expect(await newOnly.open(tips[1], boxes[1])).toBe('reporter 1');
    expect(await newOnly.open(shredded, boxes[2])).toBeNull();
    expect(await newOnly.open(fresh, freshBox)).toBe('after rotation');
    await expect(oldVault.open(tips[0], boxes[0])).rejects.toThrow(/not configured/);
    await expect(newOnly.rewrap('gone')).rejects.toThrow(/master key gone is not configured/);
  });

  it('two seals of the same new tip racing in two transactions end with one key, and both boxes open', async () => {
    const tipId = uuidv7();
    const first = pool.connect();
    const c1 = await first;
    let box1: SealedBox;
    let box2: SealedBox;
    try {
      await c1.query('BEGIN');
      box1 = await vault.seal(tipId, 'one', c1);
      // The second sealer now blocks on the first one's uncommitted key row …
      const second = seal(vault, tipId, 'two');
      await waitForLockWaiter();
      await c1.query('COMMIT');
      // … and, once it commits, must use that key rather than fail or write its own.
      box2 = await second;
    } finally {
      c1.release();
    }
    expect((await pool.query('SELECT 1 FROM tip_data_keys WHERE tip_id = $1', [tipId])).rowCount).toBe(1);
    expect(await vault.open(tipId, box1)).toBe('one');
    expect(await vault.open(tipId, box2)).toBe('two');
  });

  it('ten concurrent seals of a new tip all succeed with one key', async () => {
    const tipId = uuidv7();
    const boxes = await Promise.all(Array.from({ length: 10 }, (_, i) => seal(vault, tipId, `box ${i}`)));
    expect((await pool.query('SELECT 1 FROM tip_data_keys WHERE tip_id = $1', [tipId])).rowCount).toBe(1);
    for (const [i, box] of boxes.entries()) expect(await vault.open(tipId, box)).toBe(`box ${i}`);
  });
});

/** Until some backend of this database waits on a lock (no time-based assertion, just ordering). */
async function waitForLockWaiter(): Promise<void> {
  await waitFor(async () => {
    const res = await pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    return res.rowCount !== null && res.rowCount > 0;
  }, 20_000, 'a seal waiting on the lock', 10);
}
