import { createHash } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { migrate } from '@lw/db';
import { EventStore, eventstoreMigrations } from '@lw/eventstore';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { SEALED_EVIDENCE_MAGIC } from './evidence-cipher';
import { EvidenceReferences } from './evidence-references';
import { LocalFolderEvidenceStorage } from './local-folder-evidence-storage';
import { PlaintextEvidencePurge } from './plaintext-evidence-purge';

// Issue 14, M6: evidence stored in plain form by versions before sealing must not outlive the erasure.
let db: TestDatabase;
let pool: Pool;
let store: EventStore;
let dir: string;
let blobs: LocalFolderEvidenceStorage;
let purge: PlaintextEvidencePurge;

beforeAll(async () => {
  db = await createTestDatabase('tl_plain_purge');
  pool = db.pool('tipline', 5);
  await migrate(pool, 'tipline', eventstoreMigrations);
  store = new EventStore(pool);
  dir = mkdtempSync(join(tmpdir(), 'tl-plain-purge-'));
  blobs = new LocalFolderEvidenceStorage(dir);
  purge = new PlaintextEvidencePurge(blobs, new EvidenceReferences(store));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

/** Stores bytes as a blob store holds them; returns the address. */
async function stored(bytes: Buffer): Promise<string> {
  const address = createHash('sha256').update(bytes).digest('hex');
  await blobs.put(address, bytes, 'application/octet-stream');
  return address;
}

/** A tip's events as the product writes them (only what the references read matters here). */
async function tip(addresses: string[], erased: boolean): Promise<string> {
  const tipId = uuidv7();
  const evidence = addresses.map((sha256, i) => ({ fileName: `f${i}.txt`, mediaType: 'text/plain', size: 1, sha256 }));
  const events = [{ type: 'TipReceived', data: { tipId, evidence } }];
  if (erased) events.push({ type: 'ReporterIdentityErased', data: { at: new Date().toISOString(), reason: 'r' } } as never);
  await store.append(`tip-${tipId}`, 'no_stream', events);
  return tipId;
}

const eraseLater = (tipId: string) => store.append(`tip-${tipId}`, 1, [{ type: 'ReporterIdentityErased', data: { at: new Date().toISOString(), reason: 'r' } }]);

describe('PlaintextEvidencePurge', () => {
  it('at erasure, deletes the tip’s plaintext objects no living tip refers to, and keeps sealed ones', async () => {
    const own = await stored(Buffer.from('明文证据，仅此举报 13600001111'));
    const shared = await stored(Buffer.from('明文证据，两份举报都附了'));
    const sealed = await stored(Buffer.concat([SEALED_EVIDENCE_MAGIC, Buffer.from('ciphertext')]));
    const erased = await tip([own, shared, sealed], true);
    const living = await tip([shared], false);

    expect(await purge.purgeTip(erased, [own, shared, sealed])).toBe(1);
    expect(await blobs.get(own)).toBeNull();
    expect(await blobs.get(shared)).not.toBeNull();
    expect(await blobs.get(sealed)).not.toBeNull();

    await eraseLater(living);
    expect(await purge.purgeTip(living, [shared])).toBe(1);
    expect(await blobs.get(shared)).toBeNull();
    expect(await purge.purgeTip(living, [shared])).toBe(0); // idempotent
  });

  it('the sweep at start covers tips erased before this existed, and leaves living tips’ files', async () => {
    const before = await stored(Buffer.from('升级前已销毁举报的明文证据'));
    const kept = await stored(Buffer.from('未销毁举报的明文证据'));
    await tip([before], true);
    await tip([kept], false);
    expect(await purge.sweep()).toBe(1);
    expect(await blobs.get(before)).toBeNull();
    expect(await blobs.get(kept)).not.toBeNull();
  });
});
