import { createHash } from 'crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalFolderEvidenceStorage } from './local-folder-evidence-storage';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder, relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe('LocalFolderEvidenceStorage', () => {
  let root: string;
  let storage: LocalFolderEvidenceStorage;
  const bytes = Buffer.from('%PDF-1.7 村委会账目复印件');
  const address = sha(bytes);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'lw-evidence-'));
    storage = new LocalFolderEvidenceStorage(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores the bytes under <root>/<first two hex>/<sha256> and reads them back', async () => {
    await storage.put(address, bytes, 'application/pdf');
    expect(await filesUnder(root)).toEqual([join(address.slice(0, 2), address)]);
    expect(await readFile(join(root, address.slice(0, 2), address))).toEqual(bytes);
    expect(await storage.get(address)).toEqual(bytes);
  });

  it('gives null for an address never stored', async () => {
    expect(await storage.get(sha(Buffer.from('other')))).toBeNull();
  });

  it('deletes, and deleting again or deleting the absent is no error', async () => {
    await storage.put(address, bytes, 'application/pdf');
    await storage.delete(address);
    expect(await storage.get(address)).toBeNull();
    await expect(storage.delete(address)).resolves.toBeUndefined();
    await expect(storage.delete(sha(Buffer.from('never')))).resolves.toBeUndefined();
  });

  it('keeps one file when the same bytes are put twice', async () => {
    await storage.put(address, bytes, 'application/pdf');
    await storage.put(address, Buffer.from(bytes), 'text/plain');
    expect(await filesUnder(root)).toEqual([join(address.slice(0, 2), address)]);
    expect(await storage.get(address)).toEqual(bytes);
  });

  it('refuses bytes that do not hash to the address given, and stores nothing', async () => {
    await expect(storage.put(address, Buffer.from('something else'), 'application/pdf')).rejects.toThrow(/hash to/);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses an address that is not a lower-case SHA-256 (it becomes a path)', async () => {
    for (const bad of ['../../etc/passwd', address.toUpperCase(), address.slice(1), `${address}0`]) {
      await expect(storage.get(bad)).rejects.toThrow(/SHA-256/);
      await expect(storage.put(bad, bytes, 'application/pdf')).rejects.toThrow(/SHA-256/);
      await expect(storage.delete(bad)).rejects.toThrow(/SHA-256/);
    }
  });

  it('lets concurrent puts of the same bytes end with one whole file and no temp files', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 7);
    big.write('村委会会议录音', 0);
    const bigSha = sha(big);
    await Promise.all(Array.from({ length: 12 }, () => storage.put(bigSha, Buffer.from(big), 'audio/mpeg')));
    expect(await filesUnder(root)).toEqual([join(bigSha.slice(0, 2), bigSha)]);
    expect((await storage.get(bigSha))!.equals(big)).toBe(true);
  });

  it('never lets a reader see a half-written file', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 3);
    const bigSha = sha(big);
    let done = false;
    const writing = Promise.all(Array.from({ length: 4 }, () => storage.put(bigSha, big, 'video/mp4'))).finally(() => {
      done = true;
    });
    // get() checks the hash, so a partial file would make it throw instead of returning null or the whole.
    const seen: string[] = [];
    while (!done) {
      const got = await storage.get(bigSha);
      seen.push(got === null ? 'absent' : got.length === big.length ? 'whole' : 'partial');
    }
    await writing;
    expect(seen.filter((x) => x === 'partial')).toEqual([]);
    expect((await storage.get(bigSha))!.equals(big)).toBe(true);
  });

  it('refuses to return a stored file whose bytes changed, and a new put repairs it', async () => {
    await storage.put(address, bytes, 'application/pdf');
    await writeFile(join(root, address.slice(0, 2), address), 'tampered');
    await expect(storage.get(address)).rejects.toThrow(/corrupt/);
    await storage.put(address, bytes, 'application/pdf');
    expect(await storage.get(address)).toEqual(bytes);
  });

  it('removes its temp file when the final rename fails', async () => {
    // A directory squatting on the target name makes rename() fail after the temp file is written.
    await mkdir(join(root, address.slice(0, 2), address, 'x'), { recursive: true });
    await expect(storage.put(address, bytes, 'application/pdf')).rejects.toThrow();
    expect(await readdir(join(root, address.slice(0, 2)))).toEqual([address]);
  });
});
