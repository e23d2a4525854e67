import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError } from './config';
import { assertReachableByOthers } from './embedded-postgres';

// `DATA_DIR` inside a private folder made initdb fail with "could not access directory …: Permission denied".
describe('embedded PostgreSQL data folder', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'lw-datadir-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('refuses at once, naming the private folder and what to do', () => {
    chmodSync(parent, 0o700);
    const run = () => assertReachableByOthers(join(parent, 'data'));
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(`is inside ${parent} (mode 0700)`);
    expect(run).toThrow(`chmod o+x ${parent}`);
  });

  it('accepts a folder every ancestor of which others may traverse', () => {
    chmodSync(parent, 0o755);
    expect(() => assertReachableByOthers(join(parent, 'data'))).not.toThrow();
  });
});
