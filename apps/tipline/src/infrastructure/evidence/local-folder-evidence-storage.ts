import { randomBytes } from 'crypto';
import { mkdir, open, readFile, rename, rm } from 'fs/promises';
import { join } from 'path';
import type { EvidenceBlobStore } from './evidence-blob-store';
import { checkAddress, checkContent } from './content-address';

/**
 * Evidence in a folder: `<root>/<first two hex>/<sha256>`, the fan-out keeping directories small.
 * The media type is not kept here: the tip's event records it beside the address.
 */
export class LocalFolderEvidenceStorage implements EvidenceBlobStore {
  constructor(readonly root: string) {}

  async put(sha256: string, bytes: Buffer, _mediaType: string): Promise<void> {
    checkAddress(sha256);
    checkContent(sha256, bytes, 'put');
    const path = this.pathOf(sha256);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    // Always written, even when the file exists: the result is the same bytes (idempotent) and a
    // damaged copy gets repaired. Each writer has its own temp file and rename() replaces atomically,
    // so readers never see a half-written file and concurrent puts of the same bytes end with one.
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        // Durable before it becomes visible: a crash must not leave a named but empty evidence file.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(sha256: string): Promise<Buffer | null> {
    checkAddress(sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    checkContent(sha256, bytes, 'get');
    return bytes;
  }

  async delete(sha256: string): Promise<void> {
    checkAddress(sha256);
    await rm(this.pathOf(sha256), { force: true });
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}
