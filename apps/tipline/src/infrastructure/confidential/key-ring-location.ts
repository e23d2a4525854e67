import { join } from 'path';
import type { EvidenceBlobStore } from '../evidence/evidence-blob-store';
import { LocalFolderEvidenceStorage } from '../evidence/local-folder-evidence-storage';
import { S3EvidenceStorage } from '../evidence/s3-evidence-storage';
import { S3RingStore } from '../evidence/s3-ring-store';
import { keyRingPath, type KeyOptions } from './master-key';
import { FileRingStore, type RingStore } from './ring-store';

/**
 * Where the key ring lives: TIPLINE_KEY_RING_FILE; in embedded mode beside the master key outside the
 * data folder; in distributed mode, without the setting, in the evidence storage every replica
 * shares (`keyring/tipline.ring` in the bucket, or `.keyring/tipline.ring` in EVIDENCE_DIR).
 */
export function keyRingStore(env: NodeJS.ProcessEnv, opts: KeyOptions, evidence: EvidenceBlobStore): RingStore {
  const path = keyRingPath(env, opts);
  if (path) return new FileRingStore(path);
  if (evidence instanceof S3EvidenceStorage) return new S3RingStore(evidence.options);
  if (evidence instanceof LocalFolderEvidenceStorage) return new FileRingStore(join(evidence.root, '.keyring', 'tipline.ring'));
  throw new Error('no place for the tip-line key ring: set TIPLINE_KEY_RING_FILE');
}
