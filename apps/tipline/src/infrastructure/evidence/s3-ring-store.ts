import { GetBucketVersioningCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { RingStore } from '../confidential/ring-store';
import { s3ClientFor, type S3EvidenceStorageOptions } from './s3-evidence-storage';

/**
 * The key ring as one object in the evidence bucket (distributed mode without TIPLINE_KEY_RING_FILE):
 * every replica sees it, and the database never holds it. Overwriting destroys the previous ring
 * only if the bucket keeps no object versions: see README (举报人信息的密钥).
 */
export class S3RingStore implements RingStore {
  private readonly client: S3Client;

  constructor(
    private readonly options: S3EvidenceStorageOptions,
    private readonly key = 'keyring/tipline.ring',
    client?: S3Client,
  ) {
    this.client = client ?? s3ClientFor(options);
  }

  /**
   * Refuses a bucket that keeps object versions (versioning Enabled, or Suspended with versions kept):
   * every overwritten ring, old epochs included, would stay readable with the master key, so no
   * erasure would ever be irreversible. A server without versioning (NotImplemented) keeps none.
   */
  async prepare(): Promise<void> {
    let status: string | undefined;
    try {
      status = (await this.client.send(new GetBucketVersioningCommand({ Bucket: this.options.bucket }))).Status;
    } catch (err) {
      if (err instanceof S3ServiceException && err.name === 'NotImplemented') return;
      throw err;
    }
    if (status === 'Enabled' || status === 'Suspended') {
      throw new Error(
        `the evidence bucket ${this.options.bucket} has object versioning ${status}: the key ring (${this.location}) kept there would keep ` +
          'every old version, so erased reporter identities would stay decryptable. Set TIPLINE_KEY_RING_FILE to a file outside the bucket ' +
          '(README, 举报人信息的密钥), or use a bucket that never had versioning',
      );
    }
  }

  get location(): string {
    return `s3://${this.options.bucket}/${this.key}`;
  }

  async read(): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key }));
      if (!out.Body) throw new Error(`S3 returned no body for ${this.location}`);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof S3ServiceException && err.name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async write(bytes: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key, Body: bytes, ContentType: 'application/octet-stream', ContentLength: bytes.length }),
    );
  }

  close(): void {
    this.client.destroy();
  }
}
