import { createHash } from 'crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { EvidenceBlobStore } from './evidence-blob-store';
import { checkAddress, checkContent } from './content-address';

export interface S3EvidenceStorageOptions {
  /** e.g. `http://minio:9000`; omitted for AWS itself, where the region picks the endpoint. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`: what most self-hosted servers want. */
  forcePathStyle: boolean;
}

/**
 * Evidence in an S3-protocol bucket (distributed mode: every replica sees the same objects), under
 * `evidence/<sha256>`. The bucket is provisioned by the operator, not created here.
 */
/** The S3 client of the evidence bucket (the evidence objects, and the key ring when it is kept there). */
export function s3ClientFor(options: S3EvidenceStorageOptions): S3Client {
  return new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The SDK's default CRC32 trailer checksums (2025) are refused by many S3-compatible servers;
    // send them only where an operation requires one. Content-MD5 on uploads guards them instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export class S3EvidenceStorage implements EvidenceBlobStore {
  private readonly client: S3Client;

  constructor(readonly options: S3EvidenceStorageOptions) {
    this.client = s3ClientFor(options);
  }

  async put(sha256: string, bytes: Buffer, mediaType: string): Promise<void> {
    checkAddress(sha256);
    checkContent(sha256, bytes, 'put');
    // Same key, same bytes: a repeated put overwrites the object with itself, so it is idempotent.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: keyOf(sha256),
        Body: bytes,
        ContentType: mediaType,
        ContentLength: bytes.length,
        ContentMD5: md5Base64(bytes),
      }),
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    checkAddress(sha256);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: keyOf(sha256) }));
      if (!out.Body) throw new Error(`S3 returned no body for evidence ${sha256}`);
      const bytes = Buffer.from(await out.Body.transformToByteArray());
      checkContent(sha256, bytes, 'get');
      return bytes;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    checkAddress(sha256);
    // S3 answers 204 for a missing key too, which is what the port asks for.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: keyOf(sha256) }));
  }

  /** Closes the client's sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}

export function keyOf(sha256: string): string {
  return `evidence/${sha256}`;
}

function isMissing(err: unknown): boolean {
  // A missing bucket is a configuration error, not a missing file: only NoSuchKey means "absent".
  return err instanceof S3ServiceException && err.name === 'NoSuchKey';
}

function md5Base64(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('base64');
}
