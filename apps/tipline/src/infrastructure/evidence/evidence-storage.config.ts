import { join } from 'path';
import type { Mode } from '@lw/runtime';
import type { EvidenceBlobStore } from './evidence-blob-store';
import { LocalFolderEvidenceStorage } from './local-folder-evidence-storage';
import { S3EvidenceStorage } from './s3-evidence-storage';

/**
 * Where evidence goes, from the environment:
 *   EVIDENCE_S3_BUCKET, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY (required together),
 *   EVIDENCE_S3_ENDPOINT (omit for AWS), EVIDENCE_S3_REGION (default us-east-1),
 *   EVIDENCE_S3_FORCE_PATH_STYLE (true/false; default true when an endpoint is given)
 *     → an S3-protocol bucket, in either mode;
 *   EVIDENCE_DIR → that folder (in distributed mode a volume every replica mounts);
 *   otherwise embedded mode uses `<dataDir>/evidence` and distributed mode refuses to start: a
 *   folder on one replica's disk would hide evidence from the others.
 */
export function evidenceStorageFromEnv(env: NodeJS.ProcessEnv, opts: { mode: Mode; dataDir: string }): EvidenceBlobStore {
  const v = (name: string) => env[name]?.trim() || undefined;
  const s3Names = Object.keys(env).filter((k) => k.startsWith('EVIDENCE_S3_') && v(k));
  if (s3Names.length > 0) {
    const missing = ['EVIDENCE_S3_BUCKET', 'EVIDENCE_S3_ACCESS_KEY_ID', 'EVIDENCE_S3_SECRET_ACCESS_KEY'].filter((k) => !v(k));
    if (missing.length > 0) {
      throw new Error(`evidence storage: ${s3Names.join(', ')} given but ${missing.join(', ')} missing; set all of them or none`);
    }
    const endpoint = v('EVIDENCE_S3_ENDPOINT');
    if (endpoint && !/^https?:\/\/[^/\s]+/.test(endpoint)) {
      throw new Error(`EVIDENCE_S3_ENDPOINT must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
    }
    const pathStyle = v('EVIDENCE_S3_FORCE_PATH_STYLE');
    if (pathStyle && pathStyle !== 'true' && pathStyle !== 'false') {
      throw new Error(`EVIDENCE_S3_FORCE_PATH_STYLE must be true or false, got ${JSON.stringify(pathStyle)}`);
    }
    return new S3EvidenceStorage({
      endpoint,
      region: v('EVIDENCE_S3_REGION') ?? 'us-east-1',
      bucket: v('EVIDENCE_S3_BUCKET')!,
      accessKeyId: v('EVIDENCE_S3_ACCESS_KEY_ID')!,
      secretAccessKey: v('EVIDENCE_S3_SECRET_ACCESS_KEY')!,
      forcePathStyle: pathStyle ? pathStyle === 'true' : !!endpoint,
    });
  }
  const dir = v('EVIDENCE_DIR');
  if (dir) return new LocalFolderEvidenceStorage(dir);
  if (opts.mode === 'embedded') return new LocalFolderEvidenceStorage(join(opts.dataDir, 'evidence'));
  throw new Error(
    'evidence storage is not configured for distributed mode: set EVIDENCE_S3_ENDPOINT, EVIDENCE_S3_BUCKET, ' +
      'EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY (optionally EVIDENCE_S3_REGION) for object storage, ' +
      'or EVIDENCE_DIR for a folder shared by every replica',
  );
}
