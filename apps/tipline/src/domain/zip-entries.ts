/**
 * The entry names of a zip archive, from its central directory, without decompressing anything.
 * Null when the bytes are not a well-formed zip within these bounds (ZIP64 included: an Office
 * document of evidence size never needs it). Reads only inside `bytes`, at most `maxEntries` entries.
 */
export function zipEntryNames(b: Uint8Array, maxEntries = 10_000): string[] | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (u32(b, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(b, eocd + 10);
  const size = u32(b, eocd + 12);
  const offset = u32(b, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || count > maxEntries) return null;
  if (offset + size > eocd) return null;
  const names: string[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > offset + size || u32(b, at) !== CENTRAL) return null;
    const nameLength = u16(b, at + 28);
    const next = at + 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
    if (next > offset + size) return null;
    names.push(latin1(b, at + 46, nameLength));
    at = next;
  }
  return names;
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function latin1(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(b[at + i]);
  return s;
}
