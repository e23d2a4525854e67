import { constants, crc32, deflateRawSync } from 'zlib';

/*
 * Test zips written byte by byte: an xlsx whose parts are rewritten, and zip bombs (a deflate stream
 * that inflates to hundreds of MB, with an honest or a lying declared size), without ever holding
 * the inflated content in memory.
 */

export interface ZipPart {
  name: string;
  /** Raw deflate data, as stored. */
  deflated: Buffer;
  /** The inflated size the zip declares. */
  size: number;
  crc?: number;
}

export function part(name: string, content: Buffer | string): ZipPart {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/**
 * A raw deflate stream of `prefix`, then `mb` MB of spaces, then `suffix`: each MB is one flushed,
 * independent run of blocks (≈1 KB), repeated; only the last block is final.
 */
export function bombStream(prefix: string, mb: number, suffix: string): { deflated: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const spaces = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), flush);
  const head = deflateRawSync(Buffer.from(prefix), flush);
  const tail = deflateRawSync(Buffer.from(suffix));
  return { deflated: Buffer.concat([head, ...Array<Buffer>(mb).fill(spaces), tail]), size: Buffer.byteLength(prefix) + mb * 1024 * 1024 + Buffer.byteLength(suffix) };
}

/** A zip of the parts, deflated, in the plain layout (local headers, central directory, end record). */
export function writeZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc ?? 0, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
