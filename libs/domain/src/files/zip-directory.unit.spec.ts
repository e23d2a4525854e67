import { readZipDirectory, type ZipDirectoryResult } from './zip-directory';

interface Entry {
  name: Uint8Array;
  flags?: number;
  method?: number;
  data?: Uint8Array;
  declaredSize?: number;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Little-endian fields, in order: [value, width in bytes]. */
function fields(...f: [number, 2 | 4][]): number[] {
  return f.flatMap(([v, w]) => Array.from({ length: w }, (_, i) => Math.floor(v / 256 ** i) % 256));
}

/** A zip with these entries: local headers and data, central directory, end record; `end` patches the record. */
function zip(entries: Entry[], end: Partial<Record<'disk' | 'onDisk' | 'count' | 'size' | 'offset', number>> = {}): Uint8Array {
  const body: number[] = [];
  const dir: number[] = [];
  for (const e of entries) {
    const data = e.data ?? new Uint8Array();
    const head = [[e.flags ?? 0, 2], [e.method ?? 0, 2], [0, 4], [0, 4], [data.length, 4], [e.declaredSize ?? data.length, 4], [e.name.length, 2], [0, 2]] as [number, 2 | 4][];
    dir.push(...fields([0x02014b50, 4], [20, 2], [20, 2], ...head.slice(0, 7), [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [body.length, 4]), ...e.name);
    body.push(...fields([0x04034b50, 4], [20, 2], ...head), ...e.name, ...data);
  }
  const count = end.count ?? entries.length;
  const record = fields([0x06054b50, 4], [end.disk ?? 0, 2], [0, 2], [end.onDisk ?? count, 2], [count, 2], [end.size ?? dir.length, 4], [end.offset ?? body.length, 4], [0, 2]);
  return Uint8Array.from([...body, ...dir, ...record]);
}

const read = (bytes: Uint8Array, maxEntries = 100): ZipDirectoryResult => readZipDirectory(bytes, { maxEntries });
const refusal = (bytes: Uint8Array, maxEntries = 100) => {
  const r = read(bytes, maxEntries);
  return r.ok ? null : r.refusal;
};

describe('reading a zip central directory', () => {
  it('lists each entry as declared: name, flags, method, sizes and local header', () => {
    const bytes = zip([{ name: ascii('[Content_Types].xml'), data: ascii('<a/>') }, { name: ascii('word/document.xml'), method: 8, data: ascii('xyz'), declaredSize: 900 }]);
    const r = read(bytes);
    expect(r).toEqual({
      ok: true,
      directory: {
        directoryOffset: 30 + 19 + 4 + 30 + 17 + 3,
        entries: [
          { name: '[Content_Types].xml', flags: 0, method: 0, compressedSize: 4, declaredSize: 4, localHeaderOffset: 0 },
          { name: 'word/document.xml', flags: 0, method: 8, compressedSize: 3, declaredSize: 900, localHeaderOffset: 53 },
        ],
      },
    });
  });

  // The CP437 expectations as iconv-lite decodes the same bytes.
  it('decodes names as UTF-8 when flagged, else as CP437', () => {
    const utf8 = new TextEncoder().encode('花名册/村委.xml');
    const r = read(zip([{ name: utf8, flags: 0x800 }, { name: Uint8Array.from([0x82, 0x94, 0x2e, 0x78, 0xe1]) }, { name: utf8 }]));
    if (!r.ok) throw new Error(r.refusal.detail);
    expect(r.directory.entries.map((e) => e.name)).toEqual(['花名册/村委.xml', 'éö.xß', 'Φè▒σÉìσåî/µ¥æσºö.xml']);
  });

  it('reads a comment after the end record, and an empty zip', () => {
    const bytes = zip([{ name: ascii('a') }]);
    const commented = Uint8Array.from([...bytes, ...ascii('comment')]);
    commented[bytes.length - 2] = 7;
    expect(read(commented).ok).toBe(true);
    expect(read(zip([]))).toEqual({ ok: true, directory: { entries: [], directoryOffset: 0 } });
  });

  it('refuses what is no zip, or one cut short', () => {
    expect(refusal(new Uint8Array(10))).toEqual({ kind: 'malformed', detail: 'shorter than an empty zip' });
    expect(refusal(new Uint8Array(4096))).toEqual({ kind: 'malformed', detail: 'no end of central directory' });
    const bytes = zip([{ name: ascii('a.xml'), data: ascii('abc') }, { name: ascii('b.xml') }]);
    expect(refusal(bytes.subarray(0, bytes.length - 30))?.kind).toBe('malformed');
    expect(refusal(bytes.subarray(0, bytes.length - 1))?.kind).toBe('malformed');
  });

  it('refuses a directory truncated, overlong or not where the end record says, without reading past the bytes', () => {
    const entries = [{ name: ascii('a.xml') }, { name: ascii('b.xml') }];
    const dirSize = 2 * (46 + 5);
    // The end record says three entries, the directory holds two: the third would be read from the end record.
    expect(refusal(zip(entries, { count: 3 }))).toEqual({ kind: 'malformed', detail: 'central entry 2' });
    expect(refusal(zip(entries, { size: dirSize - 10 }))?.kind).toBe('malformed');
    expect(refusal(zip(entries, { size: dirSize + 10 }))?.kind).toBe('malformed');
    expect(refusal(zip(entries, { offset: 0xfffffff0 }))?.kind).toBe('malformed');
    // An entry more than the count says, hidden in the directory: another reader would list it.
    const hidden = zip(entries, { count: 1, onDisk: 1 });
    expect(refusal(hidden)).toEqual({ kind: 'malformed', detail: 'central directory holds more than its entries' });
    // A name running past the directory.
    const long = zip([{ name: ascii('a.xml') }]);
    long[30 + 5 + 28] = 200;
    expect(refusal(long)?.kind).toBe('malformed');
  });

  it('refuses a local header that is not before the directory', () => {
    const bytes = zip([{ name: ascii('a.xml') }]);
    bytes.set(fields([10, 4]), 30 + 5 + 42);
    expect(refusal(bytes)).toEqual({ kind: 'malformed', detail: 'entry 0 local header not before the directory' });
  });

  it('refuses zip64 and multi-disk zips', () => {
    expect(refusal(zip([{ name: ascii('a') }], { count: 0xffff }))).toEqual({ kind: 'malformed', detail: 'zip64' });
    expect(refusal(zip([{ name: ascii('a') }], { offset: 0xffffffff }))).toEqual({ kind: 'malformed', detail: 'zip64' });
    expect(refusal(zip([{ name: ascii('a'), declaredSize: 0xffffffff }]))).toEqual({ kind: 'malformed', detail: 'entry 0 zip64' });
    const bytes = zip([{ name: ascii('a') }]);
    const locator = Uint8Array.from([...bytes.subarray(0, bytes.length - 22), ...fields([0x07064b50, 4], [0, 4], [0, 4], [0, 4], [1, 4]), ...bytes.subarray(bytes.length - 22)]);
    expect(refusal(locator)).toEqual({ kind: 'malformed', detail: 'zip64' });
    expect(refusal(zip([{ name: ascii('a') }], { disk: 1 }))).toEqual({ kind: 'malformed', detail: 'multi-disk zip' });
    expect(refusal(zip([{ name: ascii('a') }, { name: ascii('b') }], { onDisk: 1 }))).toEqual({ kind: 'malformed', detail: 'multi-disk zip' });
  });

  it('refuses an encrypted entry', () => {
    expect(refusal(zip([{ name: ascii('a') }, { name: ascii('b'), flags: 0x1 }]))).toEqual({ kind: 'encrypted', detail: 'entry 1 encrypted' });
    expect(refusal(zip([{ name: ascii('b'), flags: 0x41, method: 99 }]))?.kind).toBe('encrypted');
  });

  it('refuses more entries than the limit, from the end record alone', () => {
    const names = Array.from({ length: 5 }, (_, i) => ({ name: ascii(`p${i}.xml`) }));
    expect(read(zip(names), 5).ok).toBe(true);
    expect(refusal(zip(names), 4)).toEqual({ kind: 'too_many_entries', detail: '5 entries' });
  });
});
