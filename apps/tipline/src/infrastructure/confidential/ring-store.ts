import { randomBytes } from 'crypto';
import { mkdir, open, readFile, rename, rm } from 'fs/promises';
import { dirname } from 'path';

/**
 * Where the key ring's (encrypted) bytes live. Replacing them must destroy the previous bytes as
 * far as the medium allows: a file replaced by rename, an object overwritten in a bucket that keeps
 * no versions. Never the database: its WAL and backups keep what was overwritten.
 */
export interface RingStore {
  /** For logs and messages: a path or a bucket/key, never content. */
  readonly location: string;
  read(): Promise<Buffer | null>;
  write(bytes: Buffer): Promise<void>;
  /** Checked once before the ring is used: throws when this store cannot destroy replaced bytes. */
  prepare?(): Promise<void>;
}

/** A file, replaced by temp file, fsync, rename and directory fsync: a crash leaves the old ring or the new one. */
export class FileRingStore implements RingStore {
  constructor(readonly location: string) {}

  async read(): Promise<Buffer | null> {
    try {
      return await readFile(this.location);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async write(bytes: Buffer): Promise<void> {
    const dir = dirname(this.location);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.location);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}
