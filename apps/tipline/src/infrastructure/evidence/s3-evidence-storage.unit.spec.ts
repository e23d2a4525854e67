import { createHash } from 'crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { evidenceStorageFromEnv } from './evidence-storage.config';
import { S3EvidenceStorage } from './s3-evidence-storage';
import { startTestS3Server, TEST_S3_CREDENTIALS, type TestS3Server } from './test-s3-server';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('S3EvidenceStorage against a real S3-protocol server', () => {
  let s3: TestS3Server;
  let storage: S3EvidenceStorage;
  let bucketNo = 0;
  let bucket: string;
  const bytes = Buffer.from('%PDF-1.7 危房改造补贴名单');
  const address = sha(bytes);

  beforeAll(async () => {
    s3 = await startTestS3Server();
  });
  afterAll(async () => {
    await s3.stop();
  });
  beforeEach(async () => {
    bucket = `evidence-test-${++bucketNo}`;
    await s3.createBucket(bucket);
    storage = new S3EvidenceStorage({ endpoint: s3.endpoint, region: 'us-east-1', bucket, forcePathStyle: true, ...TEST_S3_CREDENTIALS });
  });
  afterEach(() => storage.close());

  async function keys(): Promise<string[]> {
    const out = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  }

  it('stores under evidence/<sha256> with the media type, and reads the bytes back', async () => {
    await storage.put(address, bytes, 'application/pdf');
    expect(await keys()).toEqual([`evidence/${address}`]);
    const raw = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: `evidence/${address}` }));
    expect(raw.ContentType).toBe('application/pdf');
    expect(await storage.get(address)).toEqual(bytes);
  });

  it('gives null for an object never stored', async () => {
    expect(await storage.get(sha(Buffer.from('never')))).toBeNull();
  });

  it('fails, not null, when the bucket itself is missing: that is a configuration error', async () => {
    const wrong = new S3EvidenceStorage({ endpoint: s3.endpoint, region: 'us-east-1', bucket: 'no-such-bucket', forcePathStyle: true, ...TEST_S3_CREDENTIALS });
    try {
      await expect(wrong.get(address)).rejects.toThrow();
    } finally {
      wrong.close();
    }
  });

  it('deletes, and deleting the absent is no error', async () => {
    await storage.put(address, bytes, 'application/pdf');
    await storage.delete(address);
    expect(await storage.get(address)).toBeNull();
    await expect(storage.delete(address)).resolves.toBeUndefined();
  });

  it('keeps one object when the same bytes are put twice', async () => {
    await storage.put(address, bytes, 'application/pdf');
    await storage.put(address, Buffer.from(bytes), 'application/pdf');
    expect(await keys()).toEqual([`evidence/${address}`]);
    expect(await storage.get(address)).toEqual(bytes);
  });

  it('refuses bytes that do not hash to the address given, and stores nothing', async () => {
    await expect(storage.put(address, Buffer.from('other bytes'), 'application/pdf')).rejects.toThrow(/hash to/);
    expect(await keys()).toEqual([]);
  });

  it('refuses an address that is not a lower-case SHA-256', async () => {
    await expect(storage.put('../x', bytes, 'text/plain')).rejects.toThrow(/SHA-256/);
    await expect(storage.get(address.toUpperCase())).rejects.toThrow(/SHA-256/);
  });

  it('lets concurrent puts of the same bytes end with one whole object', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 5);
    big.write('村民代表会议录音', 0);
    const bigSha = sha(big);
    await Promise.all(Array.from({ length: 8 }, () => storage.put(bigSha, big, 'audio/mpeg')));
    expect(await keys()).toEqual([`evidence/${bigSha}`]);
    expect((await storage.get(bigSha))!.equals(big)).toBe(true);
  });

  it('refuses to return an object whose bytes changed behind its back', async () => {
    await storage.put(address, bytes, 'application/pdf');
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: `evidence/${address}`, Body: Buffer.from('tampered') }));
    await expect(storage.get(address)).rejects.toThrow(/corrupt/);
  });

  it('is what evidenceStorageFromEnv builds from the EVIDENCE_S3_* settings', async () => {
    const fromEnv = evidenceStorageFromEnv(
      {
        EVIDENCE_S3_ENDPOINT: s3.endpoint,
        EVIDENCE_S3_BUCKET: bucket,
        EVIDENCE_S3_ACCESS_KEY_ID: TEST_S3_CREDENTIALS.accessKeyId,
        EVIDENCE_S3_SECRET_ACCESS_KEY: TEST_S3_CREDENTIALS.secretAccessKey,
      },
      { mode: 'distributed', dataDir: '/nonexistent' },
    ) as S3EvidenceStorage;
    try {
      expect(fromEnv).toBeInstanceOf(S3EvidenceStorage);
      await fromEnv.put(address, bytes, 'application/pdf');
      expect(await storage.get(address)).toEqual(bytes);
    } finally {
      fromEnv.close();
    }
  });
});
