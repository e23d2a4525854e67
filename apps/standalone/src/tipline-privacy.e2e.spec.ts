import { createHash, randomUUID } from 'crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { HttpClient, waitFor, type HttpAnswer, type HttpCallOptions } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// A public request (tip, receipt lookup, reply) must leave nothing that ties it to a network identity,
// must not reveal other tips, and the limits that guard it must key on the real client. Attacked
// through a real reverse proxy on loopback, as the product runs behind an ingress.

/**
 * An ingress stand-in: forwards to the product and appends the client's address to X-Forwarded-For.
 * Every test request really comes from 127.0.0.1, so the test names the address the proxy would see
 * in `x-simulated-client` (the proxy strips it).
 */
async function startProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const headers: IncomingHttpHeaders = { ...req.headers };
    const client = String(headers['x-simulated-client'] ?? req.socket.remoteAddress);
    delete headers['x-simulated-client'];
    const prior = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
    const upstream = request(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const send = (base: string, method: string, path: string, opts: HttpCallOptions = {}) => new HttpClient(base).call(method, path, opts);

/** Every row of every table of every schema, as text. */
async function everyRow(h: TiplineHarness): Promise<string> {
  const pool = h.db.pool();
  const { rows: tables } = await pool.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT x::text AS row FROM "${s}"."${t}" x`);
    parts.push(...rows.map((r) => `${s}.${t}: ${r.row}`));
  }
  return parts.join('\n');
}

async function tablesNamed(h: TiplineHarness, name: string): Promise<string[]> {
  const { rows } = await h.db.pool().query<{ s: string }>(`SELECT table_schema AS s FROM information_schema.tables WHERE table_name = $1`, [name]);
  return rows.map((r) => `"${r.s}".${name}`);
}

/** Everything published has been delivered: no unsent outbox row, no pending in-process delivery. */
async function settled(h: TiplineHarness): Promise<boolean> {
  for (const t of await tablesNamed(h, 'outbox')) {
    if ((await h.db.pool().query(`SELECT 1 FROM ${t} WHERE sent_at IS NULL LIMIT 1`)).rowCount) return false;
  }
  for (const t of await tablesNamed(h, 'bus_deliveries')) {
    if ((await h.db.pool().query(`SELECT 1 FROM ${t} LIMIT 1`)).rowCount) return false;
  }
  return true;
}

const oldLimiterKey = (ip: string) => createHash('sha256').update(ip).digest('hex').slice(0, 32);

describe('public requests behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let h: TiplineHarness;
  let proxy: { url: string; close(): Promise<void> };
  let village: string;
  let discipline: string;

  beforeAll(async () => {
    h = await startHarness({ TRUST_PROXY: 'loopback', TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '1' });
    proxy = await startProxy(h.s.url);
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    discipline = await h.login('discipline');
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await h?.stop();
  });

  /** A reporter at `ip`: every request through the proxy, each with its own caller-chosen correlation id. */
  const reporter = (ip: string, ids: string[] = []) => (method: string, path: string, json?: unknown) => {
    const id = `reporter-trace-${randomUUID()}`;
    ids.push(id);
    return send(proxy.url, method, path, { json, headers: { 'x-simulated-client': ip, 'x-correlation-id': id } });
  };

  const tip = (over: Record<string, unknown> = {}) => ({
    category: 'collective_funds',
    subjects: [{ kind: 'person', name: '周某', post: '村会计', villageCode: village }],
    text: '村会计周某虚列开支套取集体资金。',
    anonymous: true,
    ...over,
  });

  async function tipIdOf(receiptCode: string): Promise<string> {
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [receiptCode.replace(/-/g, '').slice(0, 8)]);
    return rows[0].tip_id;
  }

  it('C1: tips, lookups and replies leave no address and no correlation id shared with their events — the audit ↔ outbox join finds only the official’s action', async () => {
    const ips = ['203.0.113.10', '203.0.113.11', '203.0.113.12'];
    const publicIds: string[] = [];
    const answers: HttpAnswer[] = [];
    const tipIds: string[] = [];
    for (const [i, ip] of ips.entries()) {
      const as = reporter(ip, publicIds);
      const body = i === 2
        ? tip({ category: 'work_style', anonymous: false, reporter: { name: '冯实名', phone: '13700001111' } })
        : tip({ category: i === 0 ? 'collective_funds' : 'misconduct', subjects: [{ kind: 'person', name: `吴某${i}`, post: '村委会委员', villageCode: village }] });
      const sent = await as('POST', '/tipline/public/tips', body);
      expect(sent.status).toBe(201);
      const looked = await as('POST', '/tipline/public/receipts/lookup', { code: sent.body.receiptCode });
      expect(looked.status).toBe(200);
      const replied = await as('POST', '/tipline/public/receipts/reply', { code: sent.body.receiptCode, text: '补充：有收据复印件。' });
      expect(replied.status).toBe(201);
      const wrong = await as('POST', '/tipline/public/receipts/lookup', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
      expect(wrong.status).toBe(404);
      answers.push(sent, looked, replied, wrong);
      tipIds.push(await tipIdOf(sent.body.receiptCode));
    }
    // The public page's own way: multipart, the tip as JSON in a field, with an evidence file.
    const formIp = '203.0.113.13';
    ips.push(formIp);
    const form = new FormData();
    form.set('tip', JSON.stringify(tip({ category: 'inaction', subjects: [{ kind: 'village', villageCode: village }], text: '村务公开栏半年未更新。' })));
    form.append('evidence', new Blob([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')], { type: 'image/png' }), '照片.png');
    const formId = `reporter-trace-${randomUUID()}`;
    publicIds.push(formId);
    const viaForm = await send(proxy.url, 'POST', '/tipline/public/tips', { form, headers: { 'x-simulated-client': formIp, 'x-correlation-id': formId } });
    expect(viaForm.status).toBe(201);
    answers.push(viaForm);
    tipIds.push(await tipIdOf(viaForm.body.receiptCode));

    // No public answer names a correlation id (it would be the handle an observer joins on).
    for (const a of answers) {
      const echoed = a.headers.get('x-correlation-id');
      if (echoed) publicIds.push(echoed);
      expect(echoed).toBeNull();
    }

    // An official's request through the same proxy: still audited with its address and id.
    const staffId = `staff-trace-${randomUUID()}`;
    const accepted = await send(proxy.url, 'POST', `/tipline/tips/${tipIds[0]}/accept`, {
      json: {},
      token: discipline,
      headers: { 'x-simulated-client': '198.51.100.5', 'x-correlation-id': staffId },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('x-correlation-id')).toBe(staffId);

    await waitFor(() => settled(h), 30_000, 'every event delivered');
    const audits = await tablesNamed(h, 'audit_log');
    expect(audits.length).toBeGreaterThan(0);
    let staffRows: { ip: string; correlation_id: string; route: string }[] = [];
    await waitFor(async () => {
      staffRows = [];
      for (const t of audits) staffRows.push(...(await h.db.pool().query(`SELECT ip::text AS ip, correlation_id, route FROM ${t} WHERE correlation_id = $1`, [staffId])).rows);
      return staffRows.length > 0;
    }, 10_000, 'the staff audit row');
    expect(staffRows[0]).toMatchObject({ ip: expect.stringContaining('198.51.100.5'), route: expect.stringContaining('accept') });

    // The attack: join every audit table to every outbox on the correlation id, for these tips' events.
    // It finds the official's acceptance (the join works, and staff actions stay attributable) and
    // nothing of what the reporters did.
    const joined: { ip: string; type: string }[] = [];
    for (const a of audits) {
      for (const o of await tablesNamed(h, 'outbox')) {
        const { rows } = await h.db.pool().query(
          `SELECT a.ip::text AS ip, o.envelope->>'type' AS type FROM ${a} a JOIN ${o} o ON o.envelope->>'correlationId' = a.correlation_id
            WHERE o.envelope->'payload'->>'tipId' = ANY($1)`,
          [tipIds],
        );
        joined.push(...rows);
      }
      const publicRows = await h.db.pool().query(`SELECT route FROM ${a} WHERE route LIKE '%public%'`);
      expect(publicRows.rows).toEqual([]);
    }
    expect(joined).toEqual([{ ip: expect.stringContaining('198.51.100.5'), type: 'tipline.TipAccepted' }]);
    // Each tip's event carries a fresh correlation id of its own (its own id: nothing caused it).
    for (const o of await tablesNamed(h, 'outbox')) {
      const { rows } = await h.db.pool().query(`SELECT envelope FROM ${o} WHERE envelope->>'type' = 'tipline.TipReceived' AND envelope->'payload'->>'tipId' = ANY($1)`, [tipIds]);
      for (const r of rows) expect(r.envelope.correlationId).toBe(r.envelope.id);
    }

    // Nothing anywhere (audit, events, outbox, inboxes, deliveries, limiter counters, logs) holds a
    // reporter's address, the reversible hash the limiters used to keep, or a public request's id.
    const rows = await everyRow(h);
    const logs = h.logs.join('');
    expect(rows).toContain('198.51.100.5');
    expect(logs.length).toBeGreaterThan(1000);
    for (const needle of [...ips, ...ips.map(oldLimiterKey), ...publicIds]) {
      expect(rows.includes(needle) ? needle : null).toBeNull();
      expect(logs.includes(needle) ? needle : null).toBeNull();
    }
  });

  it('H1: a repeat tip answers as a first tip — submit, acceptance, lookup, reply — on its own clock, is closed with the staff’s own feedback, and never shows the earlier tip’s progress or finding', async () => {
    const subject = { kind: 'person', name: '孙某某', post: '村委会主任', villageCode: village };
    const first = await reporter('203.0.113.20')('POST', '/tipline/public/tips', tip({ category: 'vote_buying', subjects: [subject] }));
    const repeat = await reporter('203.0.113.21')('POST', '/tipline/public/tips', tip({ category: 'vote_buying', subjects: [subject], text: '孙某某拉票贿选，再次反映。' }));
    const other = await reporter('203.0.113.22')('POST', '/tipline/public/tips', tip({ category: 'vote_buying', subjects: [{ ...subject, name: '郑某某' }] }));
    expect([first.status, repeat.status, other.status]).toEqual([201, 201, 201]);
    expect(Object.keys(repeat.body).sort()).toEqual(Object.keys(other.body).sort());
    expect(repeat.body.acceptanceDue).toEqual(expect.any(String));
    expect(repeat.body.acceptanceDue).toBe(other.body.acceptanceDue);
    expect(repeat.body.message.replace(repeat.body.receiptCode, '')).toBe(other.body.message.replace(other.body.receiptCode, ''));

    // Staff see both, the repeat with its link …
    const [a, b, c] = [await tipIdOf(first.body.receiptCode), await tipIdOf(repeat.body.receiptCode), await tipIdOf(other.body.receiptCode)];
    await waitFor(async () => {
      const r = await h.call('GET', '/tipline/tips?limit=500', { token: discipline });
      return r.body.rows?.some((x: any) => x.tipId === a && x.repeatCount === 1) && r.body.rows?.some((x: any) => x.tipId === b && x.repeatOf === a);
    }, 30_000, 'the first tip and its linked repeat in the inbox');
    const staff = (id: string, step: string, json: unknown = {}) => h.call('POST', `/tipline/tips/${id}/${step}`, { token: discipline, json });
    const lookup = (ip: string, code: string) => reporter(ip)('POST', '/tipline/public/receipts/lookup', { code });

    // … and accept each on its own clock (the repeat: 并入办理). After that step both answer alike.
    for (const id of [a, b, c]) expect([id, (await staff(id, 'accept')).status]).toEqual([id, 200]);
    let lookRepeat = await lookup('203.0.113.21', repeat.body.receiptCode);
    let lookOther = await lookup('203.0.113.22', other.body.receiptCode);
    expect(lookRepeat.status).toBe(200);
    expect(Object.keys(lookRepeat.body).sort()).toEqual(Object.keys(lookOther.body).sort());
    expect(lookRepeat.body).toMatchObject({ status: 'accepted', statusLabel: lookOther.body.statusLabel, finding: null, messages: [] });
    expect(lookOther.body).toMatchObject({ status: 'accepted', finding: null, messages: [] });
    expect(lookRepeat.body).not.toHaveProperty('mergedIntoEarlierReport');

    const replyRepeat = await reporter('203.0.113.21')('POST', '/tipline/public/receipts/reply', { code: repeat.body.receiptCode, text: '还有证人。' });
    const replyOther = await reporter('203.0.113.22')('POST', '/tipline/public/receipts/reply', { code: other.body.receiptCode, text: '还有证人。' });
    expect([replyRepeat.status, replyOther.status]).toEqual([201, 201]);
    expect(Object.keys(replyRepeat.body)).toEqual(Object.keys(replyOther.body));

    // The first tip is checked and concluded; none of it reaches the repeat's receipt.
    const PRIMARY_SUMMARY = '经查孙某某拉票贿选问题属实已给予党内警告处分';
    const PRIMARY_FEEDBACK = '首次举报办理结果：孙某某受到党内警告处分';
    expect((await staff(a, 'assign')).status).toBe(200);
    expect((await staff(a, 'notes', { text: '已约谈相关村民。' })).status).toBe(201);
    expect((await staff(a, 'conclude', { finding: 'substantiated', falseAccusation: false, summary: PRIMARY_SUMMARY, needsRectification: false })).status).toBe(200);
    expect((await staff(a, 'messages', { kind: 'feedback', text: PRIMARY_FEEDBACK })).status).toBe(201);
    expect((await staff(a, 'close')).status).toBe(200);
    expect((await lookup('203.0.113.20', first.body.receiptCode)).body).toMatchObject({ status: 'closed', finding: '属实' });
    lookRepeat = await lookup('203.0.113.21', repeat.body.receiptCode);
    expect(lookRepeat.body).toMatchObject({ status: 'accepted', finding: null });
    const leaks = (raw: unknown) => /属实|警告|处分/.test(JSON.stringify(raw)) || JSON.stringify(raw).includes(PRIMARY_SUMMARY);
    expect(leaks(lookRepeat.body)).toBe(false);

    // The repeat cannot be checked or concluded on its own, and is answered and closed in the staff's own words.
    expect((await staff(b, 'conclude', { finding: 'substantiated', falseAccusation: false, summary: '不应出现' })).status).toBe(422);
    expect((await staff(b, 'close')).status).toBe(409); // its reporter must be answered first
    const OWN_WORDS = '您反映的问题已并入相关举报一并核查处理，感谢您的监督。';
    expect((await staff(b, 'messages', { kind: 'feedback', text: OWN_WORDS })).status).toBe(201);
    expect((await staff(b, 'close')).status).toBe(200);
    lookRepeat = await lookup('203.0.113.21', repeat.body.receiptCode);
    expect(lookRepeat.body).toMatchObject({ status: 'closed', statusLabel: '已结案', finding: null });
    expect(lookRepeat.body.messages.filter((m: any) => m.from === 'handler')).toEqual([expect.objectContaining({ kind: 'feedback', text: OWN_WORDS })]);
    expect(leaks(lookRepeat.body)).toBe(false);
    lookOther = await lookup('203.0.113.22', other.body.receiptCode);
    expect(Object.keys(lookRepeat.body).sort()).toEqual(Object.keys(lookOther.body).sort());
  });

  it('M3: two clients behind the proxy get separate limiter keys; a forged X-Forwarded-For beyond the trusted hop is ignored', async () => {
    const body = tip({ category: 'inaction', subjects: [{ kind: 'village', villageCode: village }], text: '村务长期不公开。' });
    const a = reporter('203.0.113.30');
    expect((await a('POST', '/tipline/public/tips', body)).status).toBe(201);
    expect((await a('POST', '/tipline/public/tips', body)).status).toBe(429);
    // Another client behind the same proxy is not held back by the first one's cap …
    expect((await reporter('203.0.113.31')('POST', '/tipline/public/tips', body)).status).toBe(201);
    // … and a client cannot take another's key (nor escape its own) by sending its own X-Forwarded-For.
    const forged = (claimed: string, ip: string) =>
      send(proxy.url, 'POST', '/tipline/public/tips', { json: body, headers: { 'x-simulated-client': ip, 'x-forwarded-for': claimed } });
    expect((await forged('203.0.113.30', '203.0.113.32')).status).toBe(201);
    expect((await forged('203.0.113.99', '203.0.113.32')).status).toBe(429);
  });

  it('L7: wrong guesses on a known locator cannot lock out the holder of the right code; the guesser’s own limit still holds', async () => {
    const holder = reporter('203.0.113.50');
    const sent = await holder('POST', '/tipline/public/tips', tip({ category: 'misconduct', subjects: [{ kind: 'village', villageCode: village }], text: '村务监督委员会形同虚设。' }));
    expect(sent.status).toBe(201);
    const code: string = sent.body.receiptCode;
    // Same locator (the first 8 characters), wrong secret.
    const wrong = (i: number) => {
      const guess = `${code.slice(0, -4)}${String(i).padStart(4, '0')}`;
      return guess === code ? `${code.slice(0, -4)}ZZZZ` : guess;
    };
    // Six attackers at six addresses, one guess each: the locator locks after five.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await reporter(`203.0.113.${60 + i}`)('POST', '/tipline/public/receipts/lookup', { code: wrong(i) })).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    // The holder still gets in with the full code, and so the lock is lifted.
    const look = await holder('POST', '/tipline/public/receipts/lookup', { code });
    expect(look.status).toBe(200);
    expect(look.body.status).toBe('received');
    expect((await holder('POST', '/tipline/public/receipts/reply', { code, text: '补充情况。' })).status).toBe(201);

    // One attacker: ten failures lock that client, and then even the right code is refused to it.
    const attacker = reporter('203.0.113.70');
    const mine: number[] = [];
    for (let i = 0; i < 10; i++) mine.push((await attacker('POST', '/tipline/public/receipts/lookup', { code: wrong(100 + i) })).status);
    expect(mine.filter((s) => s === 404).length).toBe(5);
    expect((await attacker('POST', '/tipline/public/receipts/lookup', { code })).status).toBe(429);
  });
});

describe('public requests without TRUST_PROXY', () => {
  let h: TiplineHarness;
  let proxy: { url: string; close(): Promise<void> };
  let village: string;

  beforeAll(async () => {
    h = await startHarness({ TRUST_PROXY: '', TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '1' });
    proxy = await startProxy(h.s.url);
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await h?.stop();
  });

  it('M3: ignores X-Forwarded-For: a client cannot escape its limit by naming another address', async () => {
    const body = { category: 'inaction', subjects: [{ kind: 'village', villageCode: village }], text: '村务长期不公开。', anonymous: true };
    const spoofing = (claimed: string) => send(h.s.url, 'POST', '/tipline/public/tips', { json: body, headers: { 'x-forwarded-for': claimed } });
    expect((await spoofing('203.0.113.40')).status).toBe(201);
    expect((await spoofing('203.0.113.41')).status).toBe(429);
    // Through an untrusted proxy every client is the proxy (what TRUST_PROXY is for).
    expect((await send(proxy.url, 'POST', '/tipline/public/tips', { json: body, headers: { 'x-simulated-client': '203.0.113.42' } })).status).toBe(429);
  });
});
