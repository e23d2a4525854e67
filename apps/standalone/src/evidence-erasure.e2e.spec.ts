import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startHarness, type TiplineHarness } from './test-harness';

// Issue 14, M6 and H4 through the whole product: evidence is stored encrypted, checked by its bytes
// (no markup, no fake Word files), readable by discipline staff, and gone with the reporter's erasure;
// the keys live outside the data folder.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const NOTE = Buffer.from('证据说明：村会计李某 2025 年 3 月在村部收取补贴款，证人电话 13655556666。', 'utf8');

describe('tip-line evidence, encrypted and erasable (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let discipline: string;
  let village: string;
  let keyDir: string;
  let dataDir: string;

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'lw-keys-'));
    h = await startHarness({ TIPLINE_KEY_DIR: keyDir });
    dataDir = h.tipline.platform.dataDir;
    discipline = await h.login('discipline');
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const body = (text: string) => ({
    category: 'collective_funds',
    subjects: [{ kind: 'person', name: '李某', post: '村会计', villageCode: village }],
    text,
    anonymous: false,
    reporter: { name: '钱守信', phone: '13900007777', idNumber: null, contact: null },
  });

  async function submit(text: string, files: { name: string; bytes: Buffer; type: string }[]) {
    const form = new FormData();
    form.set('tip', JSON.stringify(body(text)));
    for (const f of files) form.append('evidence', new Blob([f.bytes], { type: f.type }), f.name);
    return h.call('POST', '/tipline/public/tips', { form });
  }

  async function tipIdOf(receiptCode: string): Promise<string> {
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [receiptCode.replace(/-/g, '').slice(0, 8)]);
    return rows[0].tip_id;
  }

  async function evidenceOf(tipId: string): Promise<{ fileName: string; sha256: string }[]> {
    const { rows } = await h.db.pool('tipline').query(`SELECT data FROM events WHERE stream_id = $1 AND type = 'TipReceived'`, [`tip-${tipId}`]);
    return rows[0].data.evidence;
  }

  const filesUnder = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

  it('keeps the master key and key ring outside the data folder, and nothing of them inside it', () => {
    const id = readFileSync(join(dataDir, 'install-id'), 'utf8').trim();
    expect(filesUnder(keyDir).map((f) => f.slice(keyDir.length + 1)).sort()).toEqual([`${id}.key`, `${id}.ring`]);
    const key = Buffer.from(readFileSync(join(keyDir, `${id}.key`), 'utf8').trim(), 'base64');
    expect(filesUnder(dataDir).filter((f) => !f.includes(`${join(dataDir, 'pg')}/`)).some((f) => readFileSync(f).includes(key))).toBe(false);
    expect(filesUnder(dataDir).some((f) => f.endsWith('tipline-master-key'))).toBe(false);
  });

  it('stores evidence encrypted, under addresses that are not the files’ hashes, and gives staff the original', async () => {
    const sent = await submit('村会计李某收取补贴款。', [
      { name: '收据.png', bytes: PNG, type: 'image/png' },
      { name: '说明.txt', bytes: NOTE, type: 'text/plain' },
    ]);
    expect(sent.status).toBe(201);
    const tipId = await tipIdOf(sent.body.receiptCode);
    const refs = await evidenceOf(tipId);
    expect(refs).toHaveLength(2);
    for (const f of filesUnder(join(dataDir, 'evidence'))) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from('13655556666'))).toBe(false);
      expect(bytes.includes(PNG.subarray(0, 12))).toBe(false);
    }
    const got = await h.call('GET', `/tipline/tips/${tipId}/evidence/${refs[1].sha256}`, { token: discipline });
    expect(got.status).toBe(200);
    expect(got.bytes.equals(NOTE)).toBe(true);

    // The same photo in another tip is another object: nothing links the two tips.
    const again = await submit('另一举报，附同一张收据。', [{ name: '收据.png', bytes: PNG, type: 'image/png' }]);
    const otherRefs = await evidenceOf(await tipIdOf(again.body.receiptCode));
    expect(otherRefs[0].sha256).not.toBe(refs[0].sha256);
  });

  it.each([
    ['an HTML page named .txt', '页面.txt', Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'), 'text/plain', 'tip.evidence_active_content'],
    ['an SVG with a script', '照片.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml', 'tip.evidence_active_content'],
    ['a zip named .docx', '账目.docx', Buffer.from('504b0506000000000000000000000000000000000000', 'hex'), DOCX, 'tip.evidence_type_not_allowed'],
  ])('refuses %s with 422 and a Chinese message, writing nothing', async (_what, name, bytes, type, code) => {
    const before = Number((await h.db.pool('tipline').query('SELECT count(*) AS n FROM events')).rows[0].n);
    const r = await submit('附件测试。', [{ name, bytes, type }]);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe(code);
    expect(r.body.message).toContain(name);
    expect(Number((await h.db.pool('tipline').query('SELECT count(*) AS n FROM events')).rows[0].n)).toBe(before);
  });

  it('after the reporter is erased, the evidence cannot be downloaded: 404 with a Chinese message', async () => {
    const sent = await submit('村会计李某收取补贴款（将被销毁）。', [{ name: '说明.txt', bytes: NOTE, type: 'text/plain' }]);
    const tipId = await tipIdOf(sent.body.receiptCode);
    const [ref] = await evidenceOf(tipId);
    const erase = await h.call('POST', `/tipline/tips/${tipId}/reporter/erase`, { token: discipline, json: { reason: '举报人申请删除个人信息' } });
    expect(erase.status).toBe(200);
    const r = await h.call('GET', `/tipline/tips/${tipId}/evidence/${ref.sha256}`, { token: discipline });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'evidence.erased', message: '该证据文件已随举报人信息依规销毁，无法下载' });
    // The key ring rotated with the erasure: the epoch in the database is no longer the first.
    const { rows } = await h.db.pool('tipline').query('SELECT current_epoch FROM tip_key_ring');
    expect(rows[0].current_epoch).not.toBe('ring-1');
  });

  const erase = (tipId: string) => h.call('POST', `/tipline/tips/${tipId}/reporter/erase`, { token: discipline, json: { reason: '举报人申请删除个人信息' } });

  it('erasure deletes evidence a version before sealing stored in plain form, once no living tip refers to it', async () => {
    // Two tips from before sealing existed, carrying the same file: one plaintext object, addressed by its own hash.
    const legacy = Buffer.from('旧版本明文存储的证据：村会计李某收据，证人电话 13677778888。', 'utf8');
    const address = createHash('sha256').update(legacy).digest('hex');
    const path = join(dataDir, 'evidence', address.slice(0, 2), address);
    mkdirSync(join(dataDir, 'evidence', address.slice(0, 2)), { recursive: true });
    writeFileSync(path, legacy);
    const tips: string[] = [];
    for (const text of ['旧举报一（明文证据）。', '旧举报二（同一明文证据）。']) {
      const sent = await submit(text, [{ name: '说明.txt', bytes: NOTE, type: 'text/plain' }]);
      const tipId = await tipIdOf(sent.body.receiptCode);
      await h.db
        .pool('tipline')
        .query(`UPDATE events SET data = jsonb_set(data, '{evidence,0,sha256}', to_jsonb($2::text)) WHERE stream_id = $1 AND type = 'TipReceived'`, [`tip-${tipId}`, address]);
      tips.push(tipId);
    }
    const got = await h.call('GET', `/tipline/tips/${tips[1]}/evidence/${address}`, { token: discipline });
    expect(got.status).toBe(200);

    // The first erasure leaves the file: the second tip, not erased, still needs it.
    expect((await erase(tips[0])).body).toEqual({ erased: true, irreversible: true });
    expect(existsSync(path)).toBe(true);
    // Erasing the last tip that referred to it deletes it from the data folder.
    expect((await erase(tips[1])).body).toEqual({ erased: true, irreversible: true });
    expect(existsSync(path)).toBe(false);
    for (const f of filesUnder(join(dataDir, 'evidence'))) expect(readFileSync(f).includes(Buffer.from('13677778888'))).toBe(false);
  });

  it('answers irreversible: false while the key ring cannot rotate, and completes with the next erasure', async () => {
    const id = readFileSync(join(dataDir, 'install-id'), 'utf8').trim();
    const ringPath = join(keyDir, `${id}.ring`);
    const tipA = await tipIdOf((await submit('村会计李某收取补贴款（销毁待完成）。', [])).body.receiptCode);
    const tipB = await tipIdOf((await submit('村会计李某收取补贴款（销毁完成）。', [])).body.receiptCode);
    // The ring's store fails (a directory where the file was): the erasure commits, the rotation cannot run.
    renameSync(ringPath, `${ringPath}.aside`);
    mkdirSync(ringPath);
    let answer;
    try {
      answer = await erase(tipA);
    } finally {
      rmSync(ringPath, { recursive: true, force: true });
      renameSync(`${ringPath}.aside`, ringPath);
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ erased: true, irreversible: false });
    const pending = async () => Number((await h.db.pool('tipline').query('SELECT pending FROM tip_key_erasures')).rows[0].pending);
    expect(await pending()).toBe(1);
    // The store is back: the next erasure's rotation covers both.
    expect((await erase(tipB)).body).toEqual({ erased: true, irreversible: true });
    expect(await pending()).toBe(0);
  });
});
