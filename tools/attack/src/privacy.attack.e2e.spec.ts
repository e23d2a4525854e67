import JSZip from 'jszip';
import { randomBytes } from 'crypto';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { citizenId, eventually } from '@lw/testing';
import type { CallOptions } from './http';
import { readKeyMaterial, tryUnwrap } from './key-ring-probe';
import { startProductInWorker, type ProductHandle } from './product-host';
import { productTables } from './row-counts';

/** Distinctive identities: found anywhere outside the vault's ciphertext, they leaked. */
const REAL = { name: '欧阳隐名', phone: '13912345678', idNumber: citizenId('320724', '1980-04-05', 77, false), address: '新安镇隐名路 7 号', ip: '127.0.0.2' };
const ANONYMOUS = { ip: '127.0.0.3' };
const CLERK = { name: '司马匿踪', phone: '13987654321', idNumber: citizenId('320724', '1975-11-20', 88, true) };
/** Bytes of the evidence file: kept in plain form under the data folder, they are readable by anyone holding it (M6). */
const EVIDENCE_MARKER = 'EVIDENCE-PLAINTEXT-6b1f0c';
/** The real-name tip's subject: content, stored in plain form, so a sweep that never finds it reads nothing. */
const SUBJECT = '隐私测被举';

/** Sent as the User-Agent of every public request (C1): a network identity like the source IP. */
const USER_AGENT = 'AttackBrowser/7.3 (privacy-sweep; ua-needle-9c41d2e7)';
/** The correlation id of an official's request: kept (audit, logs), it proves the sweep finds such ids. */
const STAFF_CORRELATION_ID = `staffcorr-${randomBytes(8).toString('hex')}`;

interface Needle {
  what: string;
  text: string;
}

const NEEDLES: Needle[] = [
  { what: 'real-name reporter name', text: REAL.name },
  { what: 'real-name reporter phone', text: REAL.phone },
  { what: 'real-name reporter id number', text: REAL.idNumber },
  { what: 'real-name reporter address', text: REAL.address },
  { what: 'real-name reporter source IP', text: REAL.ip },
  { what: 'anonymous reporter source IP', text: ANONYMOUS.ip },
  { what: 'registered reporter name', text: CLERK.name },
  { what: 'registered reporter phone', text: CLERK.phone },
  { what: 'registered reporter id number', text: CLERK.idNumber },
];

/**
 * Issue 14, "What must hold" 3: a scenario with real-name and anonymous tips handled to the end,
 * sent from distinct loopback source addresses; then every table of every schema, every log line,
 * every file under the data folder, every export and every bus message (outbox, inbox, bus tables)
 * is searched for the reporters' names, phones, id numbers and source IPs. Zero hits. After an
 * erasure, nothing answers the identity again.
 */
describe('attack: privacy sweep', () => {
  let p: ProductHandle;
  let logs: string[] = [];
  const printed: string[] = [];
  /** Correlation ids of public requests: the ones sent, and any the product echoed back (C1). */
  const publicCorrelationIds = new Set<string>();
  /** The real tip's wrapped data key and its epoch, read just before the erasure (H4). */
  let erasedKey: { wrapped: Buffer; epoch: string } | undefined;
  /** Every needle: the identities, the public requests' User-Agent and correlation ids. */
  const needles = (): Needle[] => [
    ...NEEDLES,
    { what: 'public requests’ User-Agent', text: USER_AGENT },
    ...[...publicCorrelationIds].map((id) => ({ what: `correlation id ${id} of a public request`, text: id })),
  ];

  /** A public call as a browser makes it: with its User-Agent and a correlation id of its own. */
  async function pub(method: string, path: string, opts: CallOptions, mustSucceed = true): Promise<any> {
    const sent = `pubcorr-${randomBytes(8).toString('hex')}`;
    publicCorrelationIds.add(sent);
    const a = await p.call(method, path, { ...opts, headers: { ...(opts.headers ?? {}), 'user-agent': USER_AGENT, 'x-correlation-id': sent } });
    const echoed = a.headers.get('x-correlation-id');
    if (echoed) publicCorrelationIds.add(echoed);
    if (mustSucceed && (a.status < 200 || a.status > 299)) throw new Error(`${method} ${path} → ${a.timedOut ? 'no answer' : a.status}: ${JSON.stringify(a.body)}`);
    return a.body;
  }
  const exports = new Map<string, Buffer>();
  let realTip = '';
  let anonymousTip = '';
  let clerkTip = '';
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    // Whatever the product prints outside its logger is swept too.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
    // Embedded PostgreSQL under the data folder: its table pages and WAL are what a thief of the folder gets (H4).
    // In a worker thread: the embedded server's package is an ES module, which Jest's VM cannot load.
    p = await startProductInWorker({}, { embeddedDatabase: true });
    await scenario();
    logs = await p.logs();
  }, 300_000);

  afterAll(async () => {
    for (const r of restore) r();
    await p?.stop();
  });

  async function tipIdOf(receiptCode: string): Promise<string> {
    const locator = receiptCode.replace(/-/g, '').slice(0, 8);
    return (await p.pool.query<{ tip_id: string }>('SELECT tip_id FROM tipline.receipts WHERE locator = $1', [locator])).rows[0].tip_id;
  }

  async function scenario(): Promise<void> {
    const u = p.users.inScope;
    const village = p.townshipA.villages[0];
    // A real-name tip with an evidence file, from 127.0.0.2.
    const form = new FormData();
    form.append(
      'tip',
      JSON.stringify({
        category: 'collective_funds',
        subjects: [{ kind: 'person', name: SUBJECT, post: '村委会委员', villageCode: village }],
        text: '村委会委员挪用集体土地补偿款。',
        anonymous: false,
        reporter: { name: REAL.name, phone: REAL.phone, idNumber: REAL.idNumber, address: REAL.address },
      }),
    );
    form.append('evidence', new Blob([`收据说明 ${EVIDENCE_MARKER}`], { type: 'text/plain' }), '收据说明.txt');
    const real = await pub('POST', '/tipline/public/tips', { form, localAddress: REAL.ip });
    realTip = await tipIdOf(real.receiptCode);
    // An anonymous tip from 127.0.0.3.
    const anon = await pub('POST', '/tipline/public/tips', {
      json: { category: 'vote_buying', subjects: [{ kind: 'village', villageCode: village }], text: '有人在换届前送礼拉票。', anonymous: true },
      localAddress: ANONYMOUS.ip,
    });
    anonymousTip = await tipIdOf(anon.receiptCode);
    // A real-name tip the clerk registers from a phone call.
    const clerk = await p.ok('POST', '/tipline/tips', {
      token: u.discipline,
      json: {
        channel: 'phone',
        category: 'collective_funds',
        subjects: [{ kind: 'person', name: '隐私测另案', villageCode: village }],
        text: '电话反映：会计账目不清。',
        anonymous: false,
        reporter: { name: CLERK.name, phone: CLERK.phone, idNumber: CLERK.idNumber },
      },
    });
    clerkTip = clerk.tipId ?? (await tipIdOf(clerk.receiptCode));

    for (const tip of [realTip, anonymousTip, clerkTip]) {
      await eventually(`tip ${tip} in the read model`, async () => (await p.call('GET', `/tipline/tips/${tip}`, { token: u.discipline })).status === 200);
      const step = (path: string, json: unknown = {}) => p.ok('POST', `/tipline/tips/${tip}/${path}`, { token: u.discipline, json });
      await step('accept');
      await step('assign');
      await step('notes', { text: '已调取账目。' });
      await step('messages', { kind: 'question', text: '请补充具体时间。' });
    }
    // Control: an official's write with a correlation id of its own, which the product may keep.
    await p.ok('POST', `/tipline/tips/${clerkTip}/notes`, { token: u.discipline, json: { text: '已核对电话记录。' }, headers: { 'x-correlation-id': STAFF_CORRELATION_ID } });
    // The reporters read and answer from their own addresses.
    await pub('POST', '/tipline/public/receipts/lookup', { json: { code: real.receiptCode }, localAddress: REAL.ip });
    await pub('POST', '/tipline/public/receipts/reply', { json: { code: real.receiptCode, text: '时间是去年十月。' }, localAddress: REAL.ip });
    await pub('POST', '/tipline/public/receipts/lookup', { json: { code: anon.receiptCode }, localAddress: ANONYMOUS.ip });
    await pub('POST', '/tipline/public/receipts/reply', { json: { code: anon.receiptCode, text: '是在村委会办公室。' }, localAddress: ANONYMOUS.ip });
    // A wrong code from each address: the failure counters must not keep the address either.
    await pub('POST', '/tipline/public/receipts/lookup', { json: { code: 'AAAAAAAA-BBBBBBBBBBBBBBBB' }, localAddress: REAL.ip }, false);
    await pub('POST', '/tipline/public/receipts/lookup', { json: { code: 'AAAAAAAA-BBBBBBBBBBBBBBBB' }, localAddress: ANONYMOUS.ip }, false);
    // The public page and the public reads, with the same browser.
    await pub('GET', '/tip/', {}, false);
    await pub('GET', '/tipline/public/form', {}, false);
    await pub('GET', '/tipline/public/places', {}, false);

    for (const tip of [realTip, anonymousTip, clerkTip]) {
      await p.ok('POST', `/tipline/tips/${tip}/conclude`, { token: u.discipline, json: { finding: 'substantiated', summary: '经核实属实，责令退还。', needsRectification: true } });
      await p.ok('POST', `/tipline/tips/${tip}/messages`, { token: u.discipline, json: { kind: 'feedback', text: '经核实属实，已责令整改。' } });
    }
    // The reveal, as the API allows it: a request approved by a second official (M7), or directly.
    const asked = await p.call('POST', `/tipline/tips/${realTip}/reporter/requests`, { token: u.discipline, json: { reason: '回访举报人核实情况' } });
    let revealed;
    if (asked.status === 201) {
      await p.ok('POST', `/tipline/tips/${realTip}/reporter/requests/${asked.body.requestId}/approve`, { token: p.users.secondDiscipline, json: {} });
      revealed = await p.ok('POST', `/tipline/tips/${realTip}/reporter`, { token: u.discipline, json: { requestId: asked.body.requestId } });
    } else {
      revealed = await p.ok('POST', `/tipline/tips/${realTip}/reporter`, { token: u.discipline, json: { reason: '回访举报人核实情况' } });
    }
    expect(JSON.stringify(revealed)).toContain(REAL.name);

    // The cases the tips opened, and every export.
    await eventually('the tips’ grievance cases', async () => {
      const r = await p.ok('GET', '/grievance/ledger?source=tip&limit=500', { token: u.org_dept });
      return (r.rows as unknown[]).length >= 3;
    });
    const downloads: [string, string][] = [
      ['/tipline/tips/export.xlsx', u.discipline],
      ['/grievance/ledger/export.xlsx', u.org_dept],
      ['/auditing/findings.xlsx', u.auditor],
      [`/vetting/roster/basic-situation.xlsx?scope=${p.townshipA.code}`, u.org_dept],
    ];
    for (const [path, token] of downloads) {
      const r = await p.call('GET', path, { token });
      if (r.status === 200) exports.set(path, r.bytes);
    }
    // Erase the real-name reporter's identity, keeping first what a thief would look for: its wrapped data key.
    const key = await p.pool.query<{ wrapped: Buffer; master_key_id: string }>('SELECT wrapped, master_key_id FROM tipline.tip_data_keys WHERE tip_id = $1', [realTip]);
    erasedKey = { wrapped: key.rows[0].wrapped, epoch: key.rows[0].master_key_id };
    await p.ok('POST', `/tipline/tips/${realTip}/reporter/erase`, { token: u.discipline, json: { reason: '举报人申请删除个人信息' } });
    // The erasure is finished by a key-ring rotation (pending count back to 0, a new epoch), then everything goes to disk.
    await eventually('the key-ring rotation after the erasure', async () => {
      const ring = await p.pool.query<{ epoch: string }>('SELECT current_epoch AS epoch FROM tipline.tip_key_ring');
      const pending = await p.pool.query<{ n: string }>('SELECT pending::text AS n FROM tipline.tip_key_erasures');
      return ring.rows[0]?.epoch !== erasedKey!.epoch && pending.rows[0]?.n === '0';
    });
    await p.pool.query('CHECKPOINT');
  }

  it('ran the scenario: three tips, their cases, the exports', () => {
    expect(realTip && anonymousTip && clerkTip).toBeTruthy();
    expect(exports.size).toBeGreaterThanOrEqual(2);
  });

  it('sent every public request with the User-Agent and a correlation id of its own', () => {
    expect(publicCorrelationIds.size).toBeGreaterThanOrEqual(10);
  });

  it('no table of any schema holds a reporter’s name, phone, id number or source IP, nor a public request’s User-Agent or correlation id (audit log, outbox, events, inbox included)', async () => {
    const hits: string[] = [];
    let control = 0;
    let staffCorrelation = 0;
    const all = needles();
    for (const table of await productTables(p.pool)) {
      const { rows } = await p.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      for (const { row } of rows) {
        if (row.includes(SUBJECT)) control++;
        if (row.includes(STAFF_CORRELATION_ID)) staffCorrelation++;
        for (const n of all) if (row.includes(n.text)) hits.push(`${table}: ${n.what} in ${excerpt(row, n.text)}`);
      }
    }
    // The sweep reads what is there: the tip's subject (content, not identity) is stored in plain form.
    expect(control).toBeGreaterThan(0);
    // …and correlation ids are looked for where they are kept: an official's is found (audit log, events).
    expect(staffCorrelation).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  }, 120_000);

  it('no log line or printed line holds them, nor a public request’s User-Agent or correlation id', () => {
    const lines = [...logs, ...printed];
    expect(lines.length).toBeGreaterThan(0);
    // The logs are read where correlation ids are written: lines logged while handling a request or event name one.
    expect(lines.some((l) => l.includes('"correlationId"'))).toBe(true);
    const all = needles();
    const hits = lines.flatMap((line) => all.filter((n) => line.includes(n.text)).map((n) => `log: ${n.what} in ${excerpt(line, n.text)}`));
    expect(hits).toEqual([]);
  });

  it('runs on the embedded PostgreSQL under the data folder, so the sweep below reads its table pages and WAL', () => {
    expect(p.embeddedDatabase).toBe(true);
    const files = walk(p.dataDir).map((f) => relative(p.dataDir, f));
    expect(files.some((f) => f.startsWith(join('pg', 'base')))).toBe(true);
    expect(files.some((f) => f.startsWith(join('pg', 'pg_wal')))).toBe(true);
  });

  it('no file under the data folder (table pages and WAL included) holds them, the evidence in plain form, nor a public request’s User-Agent or correlation id', () => {
    const hits: string[] = [];
    const files = walk(p.dataDir);
    expect(files.length).toBeGreaterThan(0);
    const all = [...needles(), { what: 'evidence file content', text: EVIDENCE_MARKER }].map((n) => ({ ...n, bytes: Buffer.from(n.text, 'utf8') }));
    let control = 0;
    const subject = Buffer.from(SUBJECT, 'utf8');
    for (const file of files) {
      const bytes = readFileSync(file);
      if (bytes.includes(subject)) control++;
      for (const n of all) if (bytes.includes(n.bytes)) hits.push(`${relative(p.dataDir, file)}: ${n.what}`);
    }
    // The sweep reads the database's files: the subject (content, stored in plain form) is found there.
    expect(control).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('no export holds them (xlsx and docx unzipped)', async () => {
    const engagements = (await p.ok('GET', '/auditing/engagements?limit=5', { token: p.users.inScope.auditor })).rows ?? [];
    for (const e of engagements as { engagementId: string }[]) {
      const r = await p.call('GET', `/auditing/engagements/${e.engagementId}/report.docx`, { token: p.users.inScope.auditor });
      if (r.status === 200) exports.set(`report.docx ${e.engagementId}`, r.bytes);
    }
    const hits: string[] = [];
    let control = 0;
    for (const [name, zip] of exports) {
      const archive = await JSZip.loadAsync(zip);
      for (const [entry, file] of Object.entries(archive.files)) {
        const text = await file.async('string');
        if (text.includes(SUBJECT) || text.includes('隐私测另案')) control++;
        for (const n of needles()) if (text.includes(n.text)) hits.push(`${name} ${entry}: ${n.what}`);
      }
    }
    // The exports were read: the tip export lists the subjects (content, shown to discipline).
    expect(control).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('after the erasure, the identity can no longer be revealed', async () => {
    const u = p.users.inScope;
    const asked = await p.call('POST', `/tipline/tips/${realTip}/reporter/requests`, { token: u.discipline, json: { reason: '再次查看' } });
    let again;
    if (asked.status === 201) {
      await p.call('POST', `/tipline/tips/${realTip}/reporter/requests/${asked.body.requestId}/approve`, { token: p.users.secondDiscipline, json: {} });
      again = await p.call('POST', `/tipline/tips/${realTip}/reporter`, { token: u.discipline, json: { requestId: asked.body.requestId } });
    } else {
      again = await p.call('POST', `/tipline/tips/${realTip}/reporter`, { token: u.discipline, json: { reason: '再次查看' } });
    }
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(again.raw).not.toContain(REAL.name);
    // The other real-name identity is still there (erasure is per tip).
    expect((await p.pool.query('SELECT count(*)::int AS n FROM tipline.tip_data_keys WHERE tip_id = $1', [clerkTip])).rows[0].n).toBe(1);
    expect((await p.pool.query('SELECT count(*)::int AS n FROM tipline.tip_data_keys WHERE tip_id = $1', [realTip])).rows[0].n).toBe(0);
  });

  it('no file under the data folder holds the master key or a key of the ring, in bytes or base64 (H4)', () => {
    const keys = readKeyMaterial(p.keyDir!);
    // Control: the key folder outside the data folder holds the master key and a ring it opens.
    expect(keys.masters.length).toBeGreaterThan(0);
    expect(keys.epochs.length).toBeGreaterThan(0);
    const secrets = [...keys.masters.map((k, i) => ({ what: `master key ${i}`, key: k })), ...keys.epochs.map((e) => ({ what: `ring epoch ${e.id}`, key: e.key }))].flatMap((s) => [
      { what: `${s.what} (bytes)`, bytes: s.key },
      { what: `${s.what} (base64)`, bytes: Buffer.from(s.key.toString('base64'), 'utf8') },
      { what: `${s.what} (hex)`, bytes: Buffer.from(s.key.toString('hex'), 'utf8') },
    ]);
    const hits: string[] = [];
    for (const file of walk(p.dataDir)) {
      const bytes = readFileSync(file);
      for (const s of secrets) if (bytes.includes(s.bytes)) hits.push(`${relative(p.dataDir, file)}: ${s.what}`);
    }
    expect(hits).toEqual([]);
  });

  it('after the erasure, the erased tip’s wrapped data key that survives in the data folder opens with no key that still exists (H4)', async () => {
    expect(erasedKey).toBeDefined();
    const keys = readKeyMaterial(p.keyDir!);
    const candidates = [...keys.masters, ...keys.epochs.map((e) => e.key)];
    // Control: the same keys open a living tip's data key, so a failure below is the erasure, not the probe.
    const living = (await p.pool.query<{ wrapped: Buffer }>('SELECT wrapped FROM tipline.tip_data_keys WHERE tip_id = $1', [clerkTip])).rows[0].wrapped;
    expect(candidates.some((k) => tryUnwrap(k, clerkTip, living))).toBe(true);
    // Where the erased key survives on disk (WAL, dead tuples): recorded, not required to be absent.
    const found = walk(p.dataDir).filter((f) => readFileSync(f).includes(erasedKey!.wrapped)).map((f) => relative(p.dataDir, f));
    console.log(`erased tip's wrapped data key (epoch ${erasedKey!.epoch}) found after CHECKPOINT in: ${found.join(', ') || 'no file'}`);
    // Its epoch is gone from the ring, and nothing that exists now unwraps it.
    expect(keys.epochs.map((e) => e.id)).not.toContain(erasedKey!.epoch);
    const opens = candidates.filter((k) => tryUnwrap(k, realTip, erasedKey!.wrapped));
    expect(opens.length).toBe(0);
  });
});

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...walk(path));
    else if (st.isFile()) out.push(path);
  }
  return out;
}

function excerpt(text: string, needle: string): string {
  const i = text.indexOf(needle);
  return text.slice(Math.max(0, i - 60), i + needle.length + 60).replace(/\s+/g, ' ');
}
