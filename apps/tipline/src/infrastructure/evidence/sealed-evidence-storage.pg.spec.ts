import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate, withTransaction } from '@lw/db';
import { DomainNotFoundError } from '@lw/domain';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { confidentialMigrations } from '../confidential/confidential.migrations';
import { KeyRing, KeyRingFile } from '../confidential/key-ring';
import type { MasterKeys } from '../confidential/master-key';
import { PgIdentityVault } from '../confidential/pg-identity-vault';
import { keyRingMigrations } from '../persistence/key-ring.migrations';
import { LocalFolderEvidenceStorage } from './local-folder-evidence-storage';
import { SealedEvidenceStorage } from './sealed-evidence-storage';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let db: TestDatabase;
let pool: Pool;
let dir: string;
let vault: PgIdentityVault;
let blobs: LocalFolderEvidenceStorage;
let storage: SealedEvidenceStorage;

/** A photo-like file: JPEG magic, then text a reporter's evidence could hold. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('村主任王某收取补贴款 3000 元的收据 13912345678', 'utf8')]);

beforeAll(async () => {
  db = await createTestDatabase('tl_sealed_evidence');
  pool = db.pool('tipline', 10);
  await migrate(pool, 'tipline', [...confidentialMigrations, ...keyRingMigrations]);
  dir = mkdtempSync(join(tmpdir(), 'tl-sealed-ev-'));
  const key = randomBytes(32);
  const master: MasterKeys = { current: { id: 'local', key }, all: new Map([['local', key]]) };
  vault = new PgIdentityVault(pool, master, new KeyRing(new KeyRingFile(join(dir, 'keys', 'i.ring'), master)));
  await vault.start();
  blobs = new LocalFolderEvidenceStorage(join(dir, 'evidence'));
  storage = new SealedEvidenceStorage(blobs, vault);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

function storedFiles(): Buffer[] {
  return readdirSync(join(dir, 'evidence'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)));
}

describe('SealedEvidenceStorage', () => {
  it('stores only ciphertext, under the hash of the ciphertext, and gives the plaintext back', async () => {
    const tip = uuidv7();
    const address = await storage.put(tip, PHOTO, 'image/jpeg');
    expect(address).toMatch(/^[0-9a-f]{64}$/);
    expect(address).not.toBe(sha(PHOTO));
    const stored = await blobs.get(address);
    expect(sha(stored!)).toBe(address);
    for (const f of storedFiles()) {
      expect(f.includes(Buffer.from('收取补贴款', 'utf8'))).toBe(false);
      expect(f.includes(PHOTO.subarray(0, 16))).toBe(false);
    }
    expect((await storage.get(tip, address))!.equals(PHOTO)).toBe(true);
  });

  it('the same file in two tips gives unrelated objects and addresses; twice in one tip, the same one', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const inA = await storage.put(a, PHOTO, 'image/jpeg');
    const inB = await storage.put(b, PHOTO, 'image/jpeg');
    expect(inA).not.toBe(inB);
    expect((await blobs.get(inA))!.subarray(16).equals((await blobs.get(inB))!.subarray(16))).toBe(false);
    expect(await storage.put(a, PHOTO, 'image/jpeg')).toBe(inA);
    // An object is bound to its tip: asked for as another tip's, it does not open.
    await expect(storage.get(b, inA)).rejects.toThrow(/failed authentication/);
  });

  it('after the reporter is erased the file is gone for good: a Chinese not-found, and no key opens it', async () => {
    const tip = uuidv7();
    const address = await storage.put(tip, PHOTO, 'image/jpeg');
    await withTransaction(pool, (tx) => vault.shred(tip, tx));
    await vault.completeErasures();
    const err = await storage.get(tip, address).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainNotFoundError);
    expect((err as DomainNotFoundError).code).toBe('evidence.erased');
    expect((err as DomainNotFoundError).messageZh).toBe('该证据文件已随举报人信息依规销毁，无法下载');
    // Nor does putting a new file resurrect the old key: a new key cannot open the old object.
    await storage.put(tip, Buffer.from('later'), 'text/plain');
    await expect(storage.get(tip, address)).rejects.toThrow(/failed authentication/);
  });

  it('anonymous tips get a data key for their evidence too', async () => {
    const tip = uuidv7();
    await storage.put(tip, PHOTO, 'image/jpeg');
    expect((await pool.query('SELECT 1 FROM tip_data_keys WHERE tip_id = $1', [tip])).rowCount).toBe(1);
  });

  it('serves a file stored in plain form by an earlier version (its address is the plaintext hash)', async () => {
    await blobs.put(sha(PHOTO), PHOTO, 'image/jpeg');
    expect((await storage.get(uuidv7(), sha(PHOTO)))!.equals(PHOTO)).toBe(true);
  });

  it('gives null for an object missing from storage', async () => {
    expect(await storage.get(uuidv7(), sha(Buffer.from('never stored')))).toBeNull();
  });
});
