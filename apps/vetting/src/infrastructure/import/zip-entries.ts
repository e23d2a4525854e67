import { inflateRawSync } from 'zlib';
import type { SheetLimits } from './import-limits';

/** Why a zip is refused before anything inflates past the bounds. */
export type ZipRefusal =
  | { kind: 'malformed'; detail: string }
  | { kind: 'encrypted'; detail: string }
  | { kind: 'too_many_entries'; detail: string }
  | { kind: 'too_large'; detail: string };

export class ZipRefused extends Error {
  constructor(readonly refusal: ZipRefusal) {
    super(refusal.detail);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;

const refuse = (kind: ZipRefusal['kind'], detail: string): never => {
  throw new ZipRefused({ kind, detail });
};

/** The end-of-central-directory record: searched from the end, as every reader does (a comment may follow it). */
function endOfDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= from; at--) if (bytes.readUInt32LE(at) === EOCD) return at;
  return refuse('malformed', 'no end of central directory');
}

/**
 * Inflates every entry of a zip (an xlsx) under `limits`, reading the central directory first: the
 * entry count, each declared size and their total are checked before any inflating, and each entry
 * inflates into a buffer no larger than its declared size (zlib stops there), so a zip bomb that
 * lies about its sizes is refused after at most maxEntryBytes of output. Only the plain layout a
 * spreadsheet program writes is accepted (no zip64, no encryption, no bytes before the first entry,
 * stored or deflated), so that the parser that reads the file after this sees exactly these entries
 * and sizes (jszip, under exceljs, checks the same declared sizes against what it inflates).
 */
export function inflateEntries(bytes: Buffer, limits: Pick<SheetLimits, 'maxEntries' | 'maxEntryBytes' | 'maxTotalBytes'>): Map<string, Buffer> {
  if (bytes.length < 22) refuse('malformed', 'shorter than an empty zip');
  const end = endOfDirectory(bytes);
  if (end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_LOCATOR) refuse('malformed', 'zip64');
  const disk = bytes.readUInt16LE(end + 4);
  const dirDisk = bytes.readUInt16LE(end + 6);
  const onDisk = bytes.readUInt16LE(end + 8);
  const count = bytes.readUInt16LE(end + 10);
  const dirSize = bytes.readUInt32LE(end + 12);
  const dirOffset = bytes.readUInt32LE(end + 16);
  if (disk !== 0 || dirDisk !== 0 || onDisk !== count) refuse('malformed', 'multi-disk zip');
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) refuse('malformed', 'zip64');
  if (dirOffset + dirSize !== end) refuse('malformed', 'central directory not where the end record says');
  if (count > limits.maxEntries) refuse('too_many_entries', `${count} entries`);

  const entries: { name: string; method: number; compressed: number; size: number; local: number }[] = [];
  let total = 0;
  for (let at = dirOffset, i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) refuse('malformed', `central entry ${i}`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    if (flags & 0x1) refuse('encrypted', `entry ${i} encrypted`);
    if (method !== 0 && method !== 8) refuse('malformed', `entry ${i} method ${method}`);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) refuse('malformed', 'zip64 entry');
    if (size > limits.maxEntryBytes) refuse('too_large', `entry ${i} declares ${size} bytes`);
    total += size;
    if (total > limits.maxTotalBytes) refuse('too_large', `entries declare over ${limits.maxTotalBytes} bytes`);
    entries.push({ name, method, compressed, size, local });
    at += 46 + nameLength + extraLength + commentLength;
  }

  const out = new Map<string, Buffer>();
  for (const [i, e] of entries.entries()) {
    if (e.local + 30 > dirOffset || bytes.readUInt32LE(e.local) !== LOCAL) refuse('malformed', `local header ${i}`);
    const start = e.local + 30 + bytes.readUInt16LE(e.local + 26) + bytes.readUInt16LE(e.local + 28);
    if (start + e.compressed > dirOffset) refuse('malformed', `entry ${i} data past the directory`);
    const data = bytes.subarray(start, start + e.compressed);
    let content: Buffer;
    if (e.method === 0) content = data;
    else {
      try {
        // One byte more than declared: an entry that inflates past its declared size stops right there.
        content = inflateRawSync(data, { maxOutputLength: e.size + 1 });
      } catch (err) {
        const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        return refuse(tooLarge ? 'too_large' : 'malformed', `entry ${i} ${tooLarge ? 'inflates past its declared size' : `does not inflate: ${(err as Error).message}`}`);
      }
    }
    if (content.length !== e.size) refuse(content.length > e.size ? 'too_large' : 'malformed', `entry ${i} is ${content.length} bytes, declares ${e.size}`);
    out.set(e.name.replace(/^\//, ''), content);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of these entries, stored (not compressed), in the plain layout inflateEntries reads. */
export function storedZip(entries: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [entryName, data] of entries) {
    const name = Buffer.from(entryName, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    dir.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
