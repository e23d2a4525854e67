import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GetBucketVersioningCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { KeyRingFile } from '../confidential/key-ring';
import { keyRingStore } from '../confidential/key-ring-location';
import type { MasterKeys } from '../confidential/master-key';
import { FileRingStore } from '../confidential/ring-store';
import { LocalFolderEvidenceStorage } from './local-folder-evidence-storage';
import { S3EvidenceStorage } from './s3-evidence-storage';
import { S3RingStore } from './s3-ring-store';
import { startTestS3Server, TEST_S3_CREDENTIALS, type TestS3Server } from './test-s3-server';

const key = randomBytes(32);
const master: MasterKeys = { current: { id: 'k1', key }, all: new Map([['k1', key]]) };

describe('where the key ring lives', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tl-ring-loc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('embedded: beside the master key, outside the data folder', () => {
    const store = keyRingStore({ TIPLINE_KEY_DIR: join(dir, 'keys') }, { mode: 'embedded', dataDir: join(dir, 'data') }, new LocalFolderEvidenceStorage(join(dir, 'data', 'evidence')));
    expect(store).toBeInstanceOf(FileRingStore);
    expect(store.location).toMatch(new RegExp(`^${join(dir, 'keys')}/[0-9a-f]{16}\\.ring$`));
  });

  it('distributed: TIPLINE_KEY_RING_FILE, else the shared evidence folder or bucket, never the database', () => {
    const opts = { mode: 'distributed' as const, dataDir: join(dir, 'data') };
    const folder = new LocalFolderEvidenceStorage(join(dir, 'shared'));
    expect(keyRingStore({ TIPLINE_KEY_RING_FILE: join(dir, 'r.ring') }, opts, folder).location).toBe(join(dir, 'r.ring'));
    expect(keyRingStore({}, opts, folder).location).toBe(join(dir, 'shared', '.keyring', 'tipline.ring'));
    const bucket = new S3EvidenceStorage({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'ev', forcePathStyle: true, ...TEST_S3_CREDENTIALS });
    const s3 = keyRingStore({}, opts, bucket);
    expect(s3).toBeInstanceOf(S3RingStore);
    expect(s3.location).toBe('s3://ev/keyring/tipline.ring');
    (s3 as S3RingStore).close();
    bucket.close();
  });
});

describe('S3RingStore against a real S3-protocol server', () => {
  let s3: TestS3Server;
  let store: S3RingStore;

  beforeAll(async () => {
    s3 = await startTestS3Server();
    await s3.createBucket('ring-test');
    store = new S3RingStore({ endpoint: s3.endpoint, region: 'us-east-1', bucket: 'ring-test', forcePathStyle: true, ...TEST_S3_CREDENTIALS });
  });
  afterAll(async () => {
    store.close();
    await s3.stop();
  });

  it('reads nothing before the first write, then the ring, encrypted, replaced on each write', async () => {
    const ring = new KeyRingFile(store, master);
    expect(await ring.read()).toBeNull();
    const first = await ring.createIfAbsent();
    expect((await ring.read())!.epochs[0].key.equals(first.epochs[0].key)).toBe(true);
    const raw = await s3.client.send(new GetObjectCommand({ Bucket: 'ring-test', Key: 'keyring/tipline.ring' }));
    const stored = Buffer.from(await raw.Body!.transformToByteArray());
    expect(stored.includes(first.epochs[0].key)).toBe(false);
    expect(stored.includes(Buffer.from(first.epochs[0].key.toString('base64')))).toBe(false);
    const second = { id: 'ring-2', key: randomBytes(32) };
    await ring.write({ current: 'ring-2', next: 3, epochs: [second] });
    expect((await ring.read())!.epochs.map((e) => e.id)).toEqual(['ring-2']);
  });
});

describe('S3RingStore refuses a bucket that keeps versions (issue 14, H4)', () => {
  const options = { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'ev', forcePathStyle: true, ...TEST_S3_CREDENTIALS };
  // s3rver answers GetBucketVersioning with NotImplemented: a stub client stands in for this one call.
  const answering = (status: string | undefined) => {
    const asked: unknown[] = [];
    const client = { send: async (cmd: unknown) => (asked.push(cmd), { Status: status }) } as unknown as S3Client;
    return { store: new S3RingStore(options, undefined, client), asked };
  };

  it.each(['Enabled', 'Suspended'])('versioning %s: refuses to start, naming TIPLINE_KEY_RING_FILE', async (status) => {
    const { store, asked } = answering(status);
    await expect(store.prepare()).rejects.toThrow(new RegExp(`versioning ${status}.*TIPLINE_KEY_RING_FILE`));
    expect(asked[0]).toBeInstanceOf(GetBucketVersioningCommand);
  });

  it('a bucket that never had versioning is accepted', async () => {
    await expect(answering(undefined).store.prepare()).resolves.toBeUndefined();
  });

  it('a real server that does not implement versioning (s3rver) is accepted', async () => {
    const s3 = await startTestS3Server();
    await s3.createBucket('plain');
    const store = new S3RingStore({ ...options, endpoint: s3.endpoint, bucket: 'plain' });
    try {
      await expect(store.prepare()).resolves.toBeUndefined();
    } finally {
      store.close();
      await s3.stop();
    }
  });
});
