import { randomBytes } from 'crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate, withTransaction } from '@lw/db';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '@lw/testing';
import { keyRingMigrations } from '../persistence/key-ring.migrations';
import { confidentialMigrations } from './confidential.migrations';
import { openWith, unwrapDataKey } from './envelope-cipher';
import { KeyRing, KeyRingFile } from './key-ring';
import type { MasterKeys } from './master-key';
import { PgIdentityVault } from './pg-identity-vault';

/**
 * Issue 14, H4, tried as the attacker did: after an erasure, take the PostgreSQL data folder (a
 * private cluster, so every byte of it is this test's), find the erased tip's wrapped data key in
 * it (WAL, heap pages) and try to open it with every key that still exists. The control arm shows
 * the attack working on the old design (master key wraps the data keys, erasure deletes the row).
 */
// initdb refuses root and needs the postgres OS user; elsewhere the suite cannot run.
const canRun = privatePostgresUnavailable() === null;

const REPORTER = JSON.stringify({ name: '赵秀英', phone: '13700001111', idNumber: '110101199003074578' });

let work: string;
let cluster: PrivatePostgres;
let pool: Pool;

(canRun ? describe : describe.skip)('erasure holds against the data folder (private PostgreSQL cluster)', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tl-erasure-disk-'));
    cluster = await startPrivatePostgres();
    pool = new Pool({ connectionString: cluster.adminUrl, options: '-c search_path=tipline', max: 8 });
    await pool.query('CREATE SCHEMA tipline');
    await migrate(pool, 'tipline', [...confidentialMigrations, ...keyRingMigrations]);
    // Stands in for the event store: history keeps the sealed identity for ever.
    await pool.query('CREATE TABLE tip_history (tip_id uuid NOT NULL, box jsonb NOT NULL)');
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await cluster?.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  const masterKey = randomBytes(32);
  const master: MasterKeys = { current: { id: 'local', key: masterKey }, all: new Map([['local', masterKey]]), source: 'test' };

  async function sealAndRecord(v: PgIdentityVault, tipId: string) {
    const box = await withTransaction(pool, (tx) => v.seal(tipId, REPORTER, tx));
    await pool.query('INSERT INTO tip_history (tip_id, box) VALUES ($1, $2)', [tipId, JSON.stringify(box)]);
    const wrapped = (await pool.query<{ wrapped: Buffer }>('SELECT wrapped FROM tip_data_keys WHERE tip_id = $1', [tipId])).rows[0].wrapped;
    return { box, wrapped };
  }

  /** A backup taken now: CHECKPOINT (pages and WAL on disk), then a copy of the whole cluster folder. */
  async function backupNow(name: string): Promise<string> {
    await pool.query('CHECKPOINT');
    const copy = join(work, name);
    cpSync(cluster.dataDir, copy, { recursive: true });
    return copy;
  }

  it('control: with the master key wrapping data keys directly, the erased key is in the folder and opens', async () => {
    const single = new PgIdentityVault(pool, master);
    const tip = uuidv7();
    const { box, wrapped } = await sealAndRecord(single, tip);
    await withTransaction(pool, (tx) => single.shred(tip, tx));
    await single.vacuum();
    const hits = findAll(await backupNow('control'), wrapped);
    expect(hits.length).toBeGreaterThan(0);
    // The attacker's reading: the residue plus the master key gives the reporter back.
    expect(openWith(unwrapDataKey(masterKey, tip, hits[0]), tip, box)).toBe(REPORTER);
  });

  it('with the key ring, the erased key is still in the folder but nothing that exists opens it', async () => {
    const ringFile = new KeyRingFile(join(work, 'keys', 'install.ring'), master);
    const vault = new PgIdentityVault(pool, master, new KeyRing(ringFile));
    await vault.start();
    const erased = uuidv7();
    const kept = uuidv7();
    const gone = await sealAndRecord(vault, erased);
    const stays = await sealAndRecord(vault, kept);

    await withTransaction(pool, (tx) => vault.shred(erased, tx));
    expect(await vault.completeErasures()).toBe(true);
    const folder = await backupNow('after-erasure');

    // Honest: PostgreSQL did keep the erased row's bytes somewhere in the folder.
    const residue = findAll(folder, gone.wrapped);
    expect(residue.length).toBeGreaterThan(0);
    // Every key that still exists: the ring as it is now, and the master key (held by the attacker too).
    const ringNow = (await ringFile.read())!;
    const keysNow = [...ringNow.epochs.map((e) => e.key), masterKey];
    for (const bytes of residue) {
      for (const key of keysNow) expect(() => unwrapDataKey(key, erased, bytes)).toThrow(/cannot unwrap/);
    }
    // History keeps the sealed identity, which stays unreadable.
    const history = await pool.query<{ box: typeof gone.box }>('SELECT box FROM tip_history WHERE tip_id = $1', [erased]);
    expect(history.rows[0].box).toEqual(gone.box);
    expect(await vault.open(erased, gone.box)).toBeNull();
    // The folder carries neither the master key nor any ring key (they live outside it).
    for (const secret of [masterKey, ...ringNow.epochs.map((e) => e.key)]) expect(findAll(folder, secret)).toEqual([]);
    // The tip that was not erased still opens.
    expect(await vault.open(kept, stays.box)).toBe(REPORTER);
    expect(statSync(ringFile.path).mode & 0o777).toBe(0o600);
  });
});

/** Every occurrence of `needle` in every file under `dir`. */
function findAll(dir: string, needle: Buffer): Buffer[] {
  const hits: Buffer[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = readFileSync(join(entry.parentPath, entry.name));
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) hits.push(Buffer.from(bytes.subarray(at, at + needle.length)));
  }
  return hits;
}
