/** One entry of a zip's central directory, as declared there (nothing is decompressed). */
export interface ZipEntry {
  /** UTF-8 when the entry says so (flag bit 11), else CP437 as the zip format specifies. */
  name: string;
  flags: number;
  /** 0 stored, 8 deflated, anything else as declared. */
  method: number;
  compressedSize: number;
  /** The size the entry declares once decompressed: a claim, to be checked by whoever inflates it. */
  declaredSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: every entry's local header and data lie before it. */
  directoryOffset: number;
}

/** Why a zip's directory is refused: only the plain layout every office suite writes is read. */
export type ZipDirectoryRefusal =
  | { kind: 'malformed'; detail: string }
  | { kind: 'encrypted'; detail: string }
  | { kind: 'too_many_entries'; detail: string };

export type ZipDirectoryResult = { ok: true; directory: ZipDirectory } | { ok: false; refusal: ZipDirectoryRefusal };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

/**
 * Reads the central directory of `bytes`, never outside them. Refused: no end record, zip64,
 * several disks, an encrypted entry, more than `maxEntries` entries, a directory that is not right
 * before its end record or that its entries do not fill exactly (so no reader can find an entry
 * this one did not list), a local header not before the directory.
 */
export function readZipDirectory(bytes: Uint8Array, limits: { maxEntries: number }): ZipDirectoryResult {
  const refuse = (kind: ZipDirectoryRefusal['kind'], detail: string): ZipDirectoryResult => ({ ok: false, refusal: { kind, detail } });
  if (bytes.length < EOCD_SIZE) return refuse('malformed', 'shorter than an empty zip');
  const end = endOfDirectory(bytes);
  if (end < 0) return refuse('malformed', 'no end of central directory');
  if (end >= 20 && u32(bytes, end - 20) === ZIP64_LOCATOR) return refuse('malformed', 'zip64');
  const count = u16(bytes, end + 10);
  const dirSize = u32(bytes, end + 12);
  const dirOffset = u32(bytes, end + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) return refuse('malformed', 'zip64');
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0 || u16(bytes, end + 8) !== count) return refuse('malformed', 'multi-disk zip');
  if (dirOffset + dirSize !== end) return refuse('malformed', 'central directory not where the end record says');
  if (count > limits.maxEntries) return refuse('too_many_entries', `${count} entries`);

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > end || u32(bytes, at) !== CENTRAL) return refuse('malformed', `central entry ${i}`);
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const next = at + CENTRAL_SIZE + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) return refuse('malformed', `central entry ${i} past the directory`);
    // Bit 0 is set for every kind of encryption (traditional, strong, AES).
    if (flags & 0x1) return refuse('encrypted', `entry ${i} encrypted`);
    const entry: ZipEntry = {
      name: entryName(bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength), flags),
      flags,
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      declaredSize: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) return refuse('malformed', `entry ${i} zip64`);
    if (entry.localHeaderOffset + LOCAL_SIZE > dirOffset) return refuse('malformed', `entry ${i} local header not before the directory`);
    entries.push(entry);
    at = next;
  }
  if (at !== end) return refuse('malformed', 'central directory holds more than its entries');
  return { ok: true, directory: { entries, directoryOffset: dirOffset } };
}

/** The end-of-central-directory record, searched from the end as every reader does (a comment of up to 64 KiB may follow it); -1 when none. */
function endOfDirectory(b: Uint8Array): number {
  const from = Math.max(0, b.length - EOCD_SIZE - 0xffff);
  for (let at = b.length - EOCD_SIZE; at >= from; at--) if (u32(b, at) === EOCD) return at;
  return -1;
}

const utf8 = new TextDecoder('utf-8');

/** Code page 437, bytes 0x80–0xff: what a zip name without the UTF-8 flag is written in. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function entryName(raw: Uint8Array, flags: number): string {
  if (flags & 0x800) return utf8.decode(raw);
  let s = '';
  for (const x of raw) s += x < 0x80 ? String.fromCharCode(x) : CP437_HIGH[x - 0x80];
  return s;
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
