import { join } from 'path';
import { evidenceStorageFromEnv } from './evidence-storage.config';
import { LocalFolderEvidenceStorage } from './local-folder-evidence-storage';
import { S3EvidenceStorage } from './s3-evidence-storage';

const S3_ENV = {
  EVIDENCE_S3_ENDPOINT: 'http://127.0.0.1:9000',
  EVIDENCE_S3_BUCKET: 'evidence',
  EVIDENCE_S3_ACCESS_KEY_ID: 'id',
  EVIDENCE_S3_SECRET_ACCESS_KEY: 'secret',
};
const embedded = { mode: 'embedded' as const, dataDir: '/srv/lw' };
const distributed = { mode: 'distributed' as const, dataDir: '/srv/lw' };

describe('evidenceStorageFromEnv', () => {
  it('uses <dataDir>/evidence in embedded mode with no settings', () => {
    const s = evidenceStorageFromEnv({}, embedded);
    expect(s).toBeInstanceOf(LocalFolderEvidenceStorage);
    expect((s as LocalFolderEvidenceStorage).root).toBe(join('/srv/lw', 'evidence'));
  });

  it('uses EVIDENCE_DIR when given, in either mode (a shared volume in distributed mode)', () => {
    for (const opts of [embedded, distributed]) {
      const s = evidenceStorageFromEnv({ EVIDENCE_DIR: '/mnt/evidence' }, opts);
      expect((s as LocalFolderEvidenceStorage).root).toBe('/mnt/evidence');
    }
  });

  it('refuses to start in distributed mode with neither S3 nor EVIDENCE_DIR', () => {
    expect(() => evidenceStorageFromEnv({}, distributed)).toThrow(/distributed mode.*EVIDENCE_S3_BUCKET.*EVIDENCE_DIR/s);
    expect(() => evidenceStorageFromEnv({ EVIDENCE_DIR: '  ' }, distributed)).toThrow(/distributed mode/);
  });

  it('uses S3 when the S3 settings are given, in either mode, ahead of EVIDENCE_DIR', () => {
    for (const opts of [embedded, distributed]) {
      const s = evidenceStorageFromEnv({ ...S3_ENV, EVIDENCE_DIR: '/mnt/evidence' }, opts) as S3EvidenceStorage;
      expect(s).toBeInstanceOf(S3EvidenceStorage);
      expect(s.options).toMatchObject({ endpoint: S3_ENV.EVIDENCE_S3_ENDPOINT, bucket: 'evidence', region: 'us-east-1', forcePathStyle: true });
      s.close();
    }
  });

  it('takes region and path style from the settings; virtual-host style for AWS itself (no endpoint)', () => {
    const custom = evidenceStorageFromEnv({ ...S3_ENV, EVIDENCE_S3_REGION: 'cn-north-1', EVIDENCE_S3_FORCE_PATH_STYLE: 'false' }, distributed) as S3EvidenceStorage;
    expect(custom.options).toMatchObject({ region: 'cn-north-1', forcePathStyle: false });
    custom.close();
    const { EVIDENCE_S3_ENDPOINT: _none, ...aws } = S3_ENV;
    const onAws = evidenceStorageFromEnv(aws, distributed) as S3EvidenceStorage;
    expect(onAws.options).toMatchObject({ endpoint: undefined, forcePathStyle: false });
    onAws.close();
  });

  it('refuses partial S3 settings rather than quietly falling back to a folder', () => {
    expect(() => evidenceStorageFromEnv({ EVIDENCE_S3_BUCKET: 'evidence' }, embedded)).toThrow(
      /EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY missing/,
    );
    const { EVIDENCE_S3_BUCKET: _omitted, ...noBucket } = S3_ENV;
    expect(() => evidenceStorageFromEnv(noBucket, distributed)).toThrow(/EVIDENCE_S3_BUCKET missing/);
  });

  it('refuses a malformed endpoint or path-style flag', () => {
    expect(() => evidenceStorageFromEnv({ ...S3_ENV, EVIDENCE_S3_ENDPOINT: 'minio:9000' }, distributed)).toThrow(/EVIDENCE_S3_ENDPOINT/);
    expect(() => evidenceStorageFromEnv({ ...S3_ENV, EVIDENCE_S3_FORCE_PATH_STYLE: 'yes' }, distributed)).toThrow(/FORCE_PATH_STYLE/);
  });
});
