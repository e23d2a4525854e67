import JSZip from 'jszip';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { citizenId } from './fixtures';
import { eventually, startAttackProduct, type AttackProduct } from './product';
import { productTables } from './row-counts';

/** Distinctive identities: found anywhere outside the vault's ciphertext, they leaked. */
const REAL = { name: '欧阳隐名', phone: '13912345678', idNumber: citizenId('320724', '1980-04-05', 77, false), address: '新安镇隐名路 7 号', ip: '127.0.0.2' };
const ANONYMOUS = { ip: '127.0.0.3' };
const CLERK = { name: '司马匿踪', phone: '13987654321', idNumber: citizenId('320724', '1975-11-20', 88, true) };
/** Bytes of the evidence file: kept in plain form under the data folder, they are readable by anyone holding it (M6). */
const EVIDENCE_MARKER = 'EVIDENCE-PLAINTEXT-6b1f0c';
/** The real-name tip's subject: content, stored in plain form, so a sweep that never finds it reads nothing. */
const SUBJECT = '隐私测被举';

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
  let p: AttackProduct;
  const printed: string[] = [];
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
    p = await startAttackProduct();
    await scenario();
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
    const real = await p.ok('POST', '/tipline/public/tips', { form, localAddress: REAL.ip });
    realTip = await tipIdOf(real.receiptCode);
    // An anonymous tip from 127.0.0.3.
    const anon = await p.ok('POST', '/tipline/public/tips', {
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
    // The reporters read and answer from their own addresses.
    await p.ok('POST', '/tipline/public/receipts/lookup', { json: { code: real.receiptCode }, localAddress: REAL.ip });
    await p.ok('POST', '/tipline/public/receipts/reply', { json: { code: real.receiptCode, text: '时间是去年十月。' }, localAddress: REAL.ip });
    await p.ok('POST', '/tipline/public/receipts/lookup', { json: { code: anon.receiptCode }, localAddress: ANONYMOUS.ip });
    await p.ok('POST', '/tipline/public/receipts/reply', { json: { code: anon.receiptCode, text: '是在村委会办公室。' }, localAddress: ANONYMOUS.ip });
    // A wrong code from each address: the failure counters must not keep the address either.
    await p.call('POST', '/tipline/public/receipts/lookup', { json: { code: 'AAAAAAAA-BBBBBBBBBBBBBBBB' }, localAddress: REAL.ip });
    await p.call('POST', '/tipline/public/receipts/lookup', { json: { code: 'AAAAAAAA-BBBBBBBBBBBBBBBB' }, localAddress: ANONYMOUS.ip });

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
      if (r.status === 200) exports.set(path, r.raw);
    }
    // Erase the real-name reporter's identity.
    await p.ok('POST', `/tipline/tips/${realTip}/reporter/erase`, { token: u.discipline, json: { reason: '举报人申请删除个人信息' } });
  }

  it('ran the scenario: three tips, their cases, the exports', () => {
    expect(realTip && anonymousTip && clerkTip).toBeTruthy();
    expect(exports.size).toBeGreaterThanOrEqual(2);
  });

  it('no table of any schema holds a reporter’s name, phone, id number or source IP (outbox and bus messages included)', async () => {
    const hits: string[] = [];
    let control = 0;
    for (const table of await productTables(p.pool)) {
      const { rows } = await p.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      for (const { row } of rows) {
        if (row.includes(SUBJECT)) control++;
        for (const n of NEEDLES) if (row.includes(n.text)) hits.push(`${table}: ${n.what} in ${excerpt(row, n.text)}`);
      }
    }
    // The sweep reads what is there: the tip's subject (content, not identity) is stored in plain form.
    expect(control).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  }, 120_000);

  it('no log line or printed line holds them', () => {
    const lines = [...p.logs, ...printed];
    expect(lines.length).toBeGreaterThan(0);
    const hits = lines.flatMap((line) => NEEDLES.filter((n) => line.includes(n.text)).map((n) => `log: ${n.what} in ${excerpt(line, n.text)}`));
    expect(hits).toEqual([]);
  });

  it('no file under the data folder holds them, nor the evidence in plain form', () => {
    const hits: string[] = [];
    expect(walk(p.dataDir).length).toBeGreaterThan(0);
    for (const file of walk(p.dataDir)) {
      const bytes = readFileSync(file);
      const text = bytes.toString('utf8');
      for (const n of [...NEEDLES, { what: 'evidence file content', text: EVIDENCE_MARKER }]) if (text.includes(n.text)) hits.push(`${relative(p.dataDir, file)}: ${n.what}`);
    }
    expect(hits).toEqual([]);
  });

  it('no export holds them (xlsx and docx unzipped)', async () => {
    const engagements = (await p.ok('GET', '/auditing/engagements?limit=5', { token: p.users.inScope.auditor })).rows ?? [];
    for (const e of engagements as { engagementId: string }[]) {
      const r = await p.call('GET', `/auditing/engagements/${e.engagementId}/report.docx`, { token: p.users.inScope.auditor });
      if (r.status === 200) exports.set(`report.docx ${e.engagementId}`, r.raw);
    }
    const hits: string[] = [];
    let control = 0;
    for (const [name, zip] of exports) {
      const archive = await JSZip.loadAsync(zip);
      for (const [entry, file] of Object.entries(archive.files)) {
        const text = await file.async('string');
        if (text.includes(SUBJECT) || text.includes('隐私测另案')) control++;
        for (const n of NEEDLES) if (text.includes(n.text)) hits.push(`${name} ${entry}: ${n.what}`);
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
    expect(again.raw.toString('utf8')).not.toContain(REAL.name);
    // The other real-name identity is still there (erasure is per tip).
    expect((await p.pool.query('SELECT count(*)::int AS n FROM tipline.tip_data_keys WHERE tip_id = $1', [clerkTip])).rows[0].n).toBe(1);
    expect((await p.pool.query('SELECT count(*)::int AS n FROM tipline.tip_data_keys WHERE tip_id = $1', [realTip])).rows[0].n).toBe(0);
  });

  it('the key that wraps the identities is not kept in the data folder (H4)', () => {
    const keyFiles = walk(p.dataDir).filter((f) => /master-key|kek/i.test(f));
    expect(keyFiles.map((f) => relative(p.dataDir, f))).toEqual([]);
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
