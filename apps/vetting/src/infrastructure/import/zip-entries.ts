import { inflateRawSync } from 'zlib';
import { readZipDirectory, type ZipDirectoryRefusal } from '@lw/domain';
import type { SheetLimits } from './import-limits';

/** Why a zip is refused before anything inflates past the bounds. */
export type ZipRefusal = ZipDirectoryRefusal | { kind: 'too_large'; detail: string };

export class ZipRefused extends Error {
  constructor(readonly refusal: ZipRefusal) {
    super(refusal.detail);
  }
}

const LOCAL = 0x04034b50;

const refuse = (kind: ZipRefusal['kind'], detail: string): never => {
  throw new ZipRefused({ kind, detail });
};

/**
 * Inflates every entry of a zip (an xlsx) under `limits`, reading the central directory first
 * (readZipDirectory: the plain layout only, no zip64, no encryption): the entry count, each declared
 * size and their total are checked before any inflating, and each entry inflates into a buffer no
 * larger than its declared size (zlib stops there), so a zip bomb that lies about its sizes is
 * refused after at most maxEntryBytes of output. Stored or deflated only, so that the parser that
 * reads the file after this sees exactly these entries and sizes (jszip, under exceljs, checks the
 * same declared sizes against what it inflates).
 */
export function inflateEntries(bytes: Buffer, limits: Pick<SheetLimits, 'maxEntries' | 'maxEntryBytes' | 'maxTotalBytes'>): Map<string, Buffer> {
  const read = readZipDirectory(bytes, limits);
  if (!read.ok) throw new ZipRefused(read.refusal);
  const { entries, directoryOffset } = read.directory;
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (e.method !== 0 && e.method !== 8) refuse('malformed', `entry ${i} method ${e.method}`);
    if (e.declaredSize > limits.maxEntryBytes) refuse('too_large', `entry ${i} declares ${e.declaredSize} bytes`);
    total += e.declaredSize;
    if (total > limits.maxTotalBytes) refuse('too_large', `entries declare over ${limits.maxTotalBytes} bytes`);
  }

  const out = new Map<string, Buffer>();
  for (const [i, e] of entries.entries()) {
    // The directory reader put the local header before the directory; its own lengths are checked here.
    if (bytes.readUInt32LE(e.localHeaderOffset) !== LOCAL) refuse('malformed', `local header ${i}`);
    const start = e.localHeaderOffset + 30 + bytes.readUInt16LE(e.localHeaderOffset + 26) + bytes.readUInt16LE(e.localHeaderOffset + 28);
    if (start + e.compressedSize > directoryOffset) refuse('malformed', `entry ${i} data past the directory`);
    const data = bytes.subarray(start, start + e.compressedSize);
    let content: Buffer;
    if (e.method === 0) content = data;
    else {
      try {
        // One byte more than declared: an entry that inflates past its declared size stops right there.
        content = inflateRawSync(data, { maxOutputLength: e.declaredSize + 1 });
      } catch (err) {
        const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        return refuse(tooLarge ? 'too_large' : 'malformed', `entry ${i} ${tooLarge ? 'inflates past its declared size' : `does not inflate: ${(err as Error).message}`}`);
      }
    }
    if (content.length !== e.declaredSize) refuse(content.length > e.declaredSize ? 'too_large' : 'malformed', `entry ${i} is ${content.length} bytes, declares ${e.declaredSize}`);
    out.set(e.name.replace(/^\//, ''), content);
  }
  return out;
}
