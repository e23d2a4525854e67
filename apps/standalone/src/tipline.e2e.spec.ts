import ExcelJS from 'exceljs';
import { newEnvelope } from '@lw/domain';
import { PgIdentityStore } from '@lw/auth';
import { SubmitTip } from '@lw/tipline';
import { eventually, publicNoticeStarted, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// The tip-line end to end over HTTP in the embedded product: public form → discipline inbox →
// handling → feedback, and the confidentiality rules around the reporter.
const REPORTER = { name: '郑密保', phone: '13912345678', idNumber: null, contact: '请电话联系 13912345678' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('tip-line (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let discipline: string;
  let township: string;
  /** The township's discipline staff (the unit a village cadre's tip is assigned to). */
  let disciplineTown: string;
  let orgDept: string;
  let village: string;
  let otherVillage: string;

  beforeAll(async () => {
    h = await startHarness();
    [discipline, township, orgDept] = await Promise.all(['discipline', 'township', 'org_dept'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    const rows = await h.db.pool('hierarchy').query<{ code: string }>(
      `SELECT code FROM divisions WHERE level = 'village' AND code LIKE '320724%' AND code NOT LIKE $1 || '%' ORDER BY code LIMIT 1`,
      [townshipNode],
    );
    otherVillage = rows.rows[0].code.padEnd(12, '0');
    await new PgIdentityStore(h.db.pool('auth', 1)).createUser({ username: 'discipline_town', displayName: '本镇纪委', password: h.s.demoPassword, roles: ['discipline'], node: townshipNode });
    disciplineTown = await h.login('discipline_town');
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  const tipBody = (over: Record<string, unknown> = {}) => ({
    category: 'collective_funds',
    subjects: [{ kind: 'person', name: '王某', post: '村委会委员', villageCode: village }],
    text: '村委会委员王某挪用集体土地补偿款。',
    anonymous: false,
    reporter: REPORTER,
    ...over,
  });

  async function submit(body: unknown, files: { name: string; bytes: Buffer; type: string }[] = []) {
    const form = new FormData();
    form.set('tip', JSON.stringify(body));
    for (const f of files) form.append('evidence', new Blob([f.bytes], { type: f.type }), f.name);
    return h.call('POST', '/tipline/public/tips', { form });
  }

  async function inboxHas(tipId: string, token = discipline): Promise<any> {
    let row: any;
    await waitFor(async () => {
      const r = await h.call('GET', '/tipline/tips?limit=500&includeRepeats=true', { token });
      row = r.body.rows?.find((x: any) => x.tipId === tipId);
      return !!row;
    }, 30_000, `tip ${tipId} in the inbox`);
    return row;
  }

  async function tipIdOf(receiptCode: string): Promise<string> {
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [receiptCode.replace(/-/g, '').slice(0, 8)]);
    return rows[0].tip_id;
  }

  const eventCount = async () => Number((await h.db.pool('tipline').query('SELECT count(*) AS n FROM events')).rows[0].n);

  it('takes a public tip with evidence, shows it in the discipline inbox, and carries it to closing', async () => {
    const sent = await submit(tipBody(), [{ name: '收据.png', bytes: PNG, type: 'image/png' }]);
    expect(sent.status).toBe(201);
    expect(sent.body.receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    const tipId = await tipIdOf(sent.body.receiptCode);
    const row = await inboxHas(tipId);
    expect(row).toMatchObject({ status: 'received', category: 'collective_funds', villageCode: village, anonymous: false });
    expect(row.nextDeadline.kind).toBe('acceptance');

    const detail = await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline });
    expect(detail.body.evidence).toEqual([expect.objectContaining({ fileName: '收据.png', mediaType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    const file = await fetch(`${h.s.url}/tipline/tips/${tipId}/evidence/${detail.body.evidence[0].sha256}`, { headers: { authorization: `Bearer ${discipline}` } });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);

    const step = (path: string, json: unknown = {}) => h.call('POST', `/tipline/tips/${tipId}/${path}`, { token: discipline, json });
    expect((await step('accept')).body.status).toBe('accepted');
    const assigned = await step('assign');
    expect(assigned.body.status).toBe('assigned');
    expect((await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline })).body.unit).toMatchObject({ level: 'township' });
    expect((await step('notes', { text: '调取村账，核对补偿款去向。' })).body.status).toBe('checking');
    await step('tasks', { title: '约谈村会计', dueOn: null });
    const taskId = (await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline })).body.openTasks[0];
    expect((await step('conclude', { finding: 'substantiated', summary: '属实' })).status).toBe(422); // open task
    await step(`tasks/${taskId}/complete`);
    expect((await step('close')).status).toBe(409); // not concluded yet
    const concluded = await step('conclude', { finding: 'partly_substantiated', summary: '部分属实，已责令退还。' });
    expect(concluded.body.status).toBe('concluded');
    expect((await step('close')).status).toBe(409); // a real-name reporter is told first
    expect((await step('messages', { kind: 'feedback', text: '经核实，反映问题部分属实，已责令退还。' })).status).toBe(201);
    expect((await step('close')).body.status).toBe('closed');

    const look = await h.call('POST', '/tipline/public/receipts/lookup', { json: { code: sent.body.receiptCode } });
    expect(look.status).toBe(200);
    expect(look.body).toMatchObject({ status: 'closed', finding: '部分属实' });
    expect(look.body.messages).toEqual([expect.objectContaining({ kind: 'feedback', from: 'handler' })]);

    const outbox = await h.db.pool('tipline').query(`SELECT envelope FROM outbox ORDER BY id`);
    const types = outbox.rows.map((r: any) => r.envelope.type);
    expect(types).toEqual(expect.arrayContaining(['tipline.TipReceived', 'tipline.TipConcluded', 'tipline.TipClosed']));
    expect(JSON.stringify(outbox.rows)).not.toContain(REPORTER.name);
    expect(JSON.stringify(outbox.rows)).not.toContain(REPORTER.phone);
  });

  it('lets an anonymous reporter and the handler talk through the receipt code', async () => {
    const sent = await submit(tipBody({ anonymous: true, reporter: null, category: 'work_style' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    const q = await h.call('POST', `/tipline/tips/${tipId}/messages`, { token: discipline, json: { kind: 'question', text: '请补充发生的时间。' } });
    expect(q.status).toBe(201);
    const seen = await h.call('POST', '/tipline/public/receipts/lookup', { json: { code: sent.body.receiptCode.toLowerCase().replace(/-/g, ' ') } });
    expect(seen.body.messages).toEqual([expect.objectContaining({ kind: 'question', text: '请补充发生的时间。' })]);
    const reply = await h.call('POST', '/tipline/public/receipts/reply', { json: { code: sent.body.receiptCode, text: '2026年3月。', inReplyTo: seen.body.messages[0].id } });
    expect(reply.status).toBe(201);
    const detail = await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline });
    expect(detail.body.history.map((e: any) => e.type)).toContain('ReporterReplied');
  });

  it('shows a township’s discipline staff only its own township’s tips, even when its code ends in zeros (320724100 is not 3207241…)', async () => {
    const townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    expect(townshipNode).toMatch(/0$/); // the case that leaked: 新安镇 320724100
    const sent = await submit(tipBody({ subjects: [{ kind: 'village', villageCode: otherVillage }], text: '另一乡镇的村务问题。' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    await inboxHas(tipId); // the county sees it
    const own = await h.call('GET', '/tipline/tips?limit=500&includeRepeats=true', { token: disciplineTown });
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r: any) => r.tipId)).not.toContain(tipId);
    expect(own.body.rows.some((r: any) => r.villageCode === village)).toBe(true); // its own tips are there (earlier tests filed them)
    expect(own.body.rows.every((r: any) => r.villageCode === null || r.villageCode.startsWith(townshipNode))).toBe(true);
  });

  it('never gives township or org_dept users reporter fields, nor any tip’s content, even one assigned to the township’s unit', async () => {
    const sent = await submit(tipBody({ text: '独特内容甲乙丙' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    await inboxHas(tipId);
    // The township committee supervises the cadres reported: like org_dept, it sees figures only.
    const list = await h.call('GET', '/tipline/tips?limit=500', { token: township });
    expect(list.status).toBe(403);
    expect((await h.call('GET', `/tipline/tips/${tipId}`, { token: township })).status).toBe(403);
    expect((await h.call('GET', '/tipline/tips?limit=500', { token: orgDept })).status).toBe(403);
    expect((await h.call('GET', `/tipline/tips/${tipId}`, { token: orgDept })).status).toBe(403);
    for (const token of [township, orgDept]) {
      for (const r of [list, await h.call('GET', `/tipline/tips/${tipId}`, { token })]) {
        expect(r.raw).not.toContain(REPORTER.name);
        expect(r.raw).not.toContain(REPORTER.phone);
        expect(r.raw).not.toContain('独特内容甲乙丙');
      }
      expect((await h.call('POST', `/tipline/tips/${tipId}/reporter`, { token, json: {} })).status).toBe(403);
    }
    const refused = await fetch(`${h.s.url}/tipline/tips/export.xlsx`, { headers: { authorization: `Bearer ${township}` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('王某');
    // The township's discipline staff export the tips of its township (the first test's tip is assigned to its unit).
    const xlsx = await fetch(`${h.s.url}/tipline/tips/export.xlsx`, { headers: { authorization: `Bearer ${disciplineTown}` } });
    expect(xlsx.status).toBe(200);
    const text = await workbookText(Buffer.from(await xlsx.arrayBuffer()));
    expect(text).toContain('王某');
    expect(text).not.toContain(REPORTER.name);
    expect(text).not.toContain(REPORTER.phone);
    expect((await fetch(`${h.s.url}/tipline/tips/export.xlsx`, { headers: { authorization: `Bearer ${orgDept}` } })).status).toBe(403);
    // Even the discipline role's export and inbox carry no identity: that takes the approved request.
    const own = await fetch(`${h.s.url}/tipline/tips/export.xlsx`, { headers: { authorization: `Bearer ${discipline}` } });
    expect(await workbookText(Buffer.from(await own.arrayBuffer()))).not.toContain(REPORTER.name);
  });

  it('reveals the reporter to a discipline official only on a reasoned request a second official approved, and records who, when, why and who approved', async () => {
    const sent = await submit(tipBody({ category: 'favouritism' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    const identity = new PgIdentityStore(h.db.pool('auth', 1));
    const approver = await identity.createUser({ username: 'discipline_2', displayName: '县纪委监委（审批）', password: h.s.demoPassword, roles: ['discipline'], node: h.s.accounts.find((a) => a.username === 'discipline')!.node });
    const second = await h.login('discipline_2');
    expect((await h.call('POST', `/tipline/tips/${tipId}/reporter`, { token: discipline, json: {} })).status).toBe(403);
    expect((await h.call('POST', `/tipline/tips/${tipId}/reporter/requests`, { token: discipline, json: {} })).status).toBe(400);
    const asked = await h.call('POST', `/tipline/tips/${tipId}/reporter/requests`, { token: discipline, json: { reason: '核实需要联系举报人' } });
    expect(asked.status).toBe(201);
    expect((await h.call('POST', `/tipline/tips/${tipId}/reporter/requests/${asked.body.requestId}/approve`, { token: second, json: {} })).status).toBe(200);
    const r = await h.call('POST', `/tipline/tips/${tipId}/reporter`, { token: discipline, json: { requestId: asked.body.requestId } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: REPORTER.name, phone: REPORTER.phone });
    const { rows } = await h.db.pool('tipline').query(`SELECT data, metadata FROM events WHERE stream_id = $1 AND type = 'ReporterIdentityRead'`, [`tip-${tipId}`]);
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ reason: '核实需要联系举报人', approvedBy: approver.id });
    expect(rows[0].metadata.actor.userId).toBeTruthy();
  });

  it('erases the reporter for good (crypto-shredding) while the history stays', async () => {
    const sent = await submit(tipBody({ category: 'inaction' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    const before = await h.db.pool('tipline').query('SELECT count(*) AS n FROM events WHERE stream_id = $1', [`tip-${tipId}`]);
    expect((await h.call('POST', `/tipline/tips/${tipId}/reporter/erase`, { token: discipline, json: { reason: '举报人申请删除个人信息' } })).status).toBe(200);
    expect((await h.call('POST', `/tipline/tips/${tipId}/reporter`, { token: discipline, json: {} })).status).toBe(409);
    const keys = await h.db.pool('tipline').query('SELECT count(*) AS n FROM tip_data_keys WHERE tip_id = $1', [tipId]);
    expect(Number(keys.rows[0].n)).toBe(0);
    const after = await h.db.pool('tipline').query('SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version', [`tip-${tipId}`]);
    expect(after.rows.length).toBe(Number(before.rows[0].n) + 1);
    expect(after.rows[0].type).toBe('TipReceived');
    // No plaintext anywhere in the service's schema, the bus or the audit log.
    for (const schema of ['tipline', 'bus', 'auth']) {
      const dump = await schemaText(schema);
      expect(dump).not.toContain(REPORTER.name);
      expect(dump).not.toContain(REPORTER.phone);
    }
  });

  it('answers two handlers concluding the same tip at once with one success and one 409', async () => {
    const sent = await submit(tipBody({ category: 'misconduct' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    for (const p of ['accept', 'assign']) await h.call('POST', `/tipline/tips/${tipId}/${p}`, { token: discipline, json: {} });
    const both = await Promise.all(
      ['substantiated', 'unsubstantiated'].map((finding) => h.call('POST', `/tipline/tips/${tipId}/conclude`, { token: discipline, json: { finding, summary: '结论' } })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const concluded = await h.db.pool('tipline').query(`SELECT count(*) AS n FROM events WHERE stream_id = $1 AND type = 'TipConcluded'`, [`tip-${tipId}`]);
    expect(Number(concluded.rows[0].n)).toBe(1);
  });

  it.each([
    ['an unknown village', { subjects: [{ kind: 'village', villageCode: '110101001001' }] }, 422, '不在本县范围内'],
    ['an invalid citizen id', { subjects: [{ kind: 'person', name: '李某', citizenId: '320724199001011234', villageCode: null }] }, 422, '身份证号码无效'],
    ['a missing category', { category: undefined }, 400, '举报类别'],
    ['a real-name tip without reporter', { reporter: null }, 400, '举报人信息'],
    ['an unknown field', { reporterName: 'x' }, 400, '不认识的字段'],
  ])('rejects %s with a clear message and writes nothing', async (_what, over, status, message) => {
    const before = await eventCount();
    const r = await submit(tipBody(over as Record<string, unknown>));
    expect(r.status).toBe(status);
    expect(r.body.message).toContain(message);
    expect(await eventCount()).toBe(before);
  });

  it('refuses an oversized file and a disguised executable, writing nothing', async () => {
    const before = await eventCount();
    const big = await submit(tipBody(), [{ name: 'big.png', bytes: Buffer.concat([PNG, Buffer.alloc(21 * 1024 * 1024)]), type: 'image/png' }]);
    expect(big.status).toBe(413);
    expect(big.body.message).toContain('MB');
    const exe = await submit(tipBody(), [{ name: '照片.jpg', bytes: Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), type: 'image/jpeg' }]);
    expect(exe.status).toBe(422);
    expect(exe.body.message).toContain('照片.jpg');
    expect(await eventCount()).toBe(before);
  });

  it('stores script tags verbatim and escapes them on output', async () => {
    const text = '<script>alert("x")</script> 村干部 & 亲属';
    const sent = await submit(tipBody({ text, category: 'clan_interference' }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    const stored = await h.db.pool('tipline').query(`SELECT data->>'text' AS text FROM events WHERE stream_id = $1 AND type = 'TipReceived'`, [`tip-${tipId}`]);
    expect(stored.rows[0].text).toBe(text);
    const detail = await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline });
    expect(detail.raw).not.toContain('<script>');
    expect(detail.raw).toContain('\\u003cscript\\u003e');
    expect(detail.body.text).toBe(text);
  });

  it('links a repeat tip to the first instead of opening a second case', async () => {
    const subject = { kind: 'person', name: '赵某某', post: '村支部委员', villageCode: otherVillage };
    const first = await submit(tipBody({ category: 'vote_buying', subjects: [subject], anonymous: true, reporter: null }));
    const second = await submit(tipBody({ category: 'vote_buying', subjects: [{ ...subject, name: ' 赵某 某' }], text: '又一次反映' }));
    const [a, b] = await Promise.all([tipIdOf(first.body.receiptCode), tipIdOf(second.body.receiptCode)]);
    await inboxHas(b);
    await waitFor(async () => {
      const inbox = await h.call('GET', '/tipline/tips?limit=500', { token: discipline });
      return inbox.body.rows.some((r: any) => r.tipId === a && r.repeatCount === 1);
    }, 30_000, 'the first tip counts its repeat');
    // Both are listed, the repeat with its link, so staff handle them together; each has its own limit.
    const inbox = await h.call('GET', '/tipline/tips?limit=500', { token: discipline });
    const mine = inbox.body.rows.filter((r: any) => r.subjects.includes('赵某'));
    expect(mine.map((r: any) => r.tipId).sort()).toEqual([a, b].sort());
    expect(mine.find((r: any) => r.tipId === a)).toMatchObject({ repeatOf: null, repeatCount: 1, electionRelated: true });
    const repeatRow = mine.find((r: any) => r.tipId === b);
    expect(repeatRow).toMatchObject({ repeatOf: a, nextDeadline: expect.objectContaining({ kind: 'acknowledgement' }) });
    expect((await h.call('GET', '/tipline/tips?limit=500&includeRepeats=false', { token: discipline })).body.rows.map((r: any) => r.tipId)).not.toContain(b);
    const look = await h.call('POST', '/tipline/public/receipts/lookup', { json: { code: second.body.receiptCode } });
    // The public answer does not tell that someone reported the matter before (staff see the link).
    expect(look.body).toMatchObject({ status: 'received' });
    expect(look.body).not.toHaveProperty('mergedIntoEarlierReport');
    // Accepting the repeat means 并入办理; checking and the finding stay with the first tip.
    const accepted = await h.call('POST', `/tipline/tips/${b}/accept`, { token: discipline, json: {} });
    expect(accepted.status).toBe(200);
    // A staff step answers once the inbox shows it (read-your-writes): no wait for the projection.
    const listed = (await h.call('GET', '/tipline/tips?limit=500', { token: discipline })).body.rows.find((r: any) => r.tipId === b);
    expect(listed).toMatchObject({ status: 'accepted' });
    const assign = await h.call('POST', `/tipline/tips/${b}/assign`, { token: discipline, json: {} });
    expect(assign.status).toBe(422);
    expect(assign.body.message).toContain('并入首次举报办理');
  });

  it('labels a tip on a candidate under public notice an objection, due by the end of the notice', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const endsOn = new Date(Date.now() + 8 * 3600_000 + 4 * 86_400_000).toISOString().slice(0, 10);
    await h.tipline.bus.publish([publicNoticeStarted({ noticeId: 'n-1', villageCode: village, startsOn: today, endsOn, candidates: [{ candidateId: 'c-1', name: '钱候选', post: '村委会主任' }] })]);
    await waitFor(async () => (await h.db.pool('tipline').query(`SELECT 1 FROM public_notices WHERE notice_id = 'n-1'`)).rowCount === 1, 30_000, 'notice consumed');
    const sent = await submit(tipBody({ category: 'work_style', subjects: [{ kind: 'person', name: '钱候选', villageCode: village }] }));
    const tipId = await tipIdOf(sent.body.receiptCode);
    const detail = await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline });
    expect(detail.body.objection).toEqual({ noticeId: 'n-1', endsOn, candidateId: 'c-1' });
    expect(detail.body.electionRelated).toBe(true);
    expect(detail.body.deadlines.map((d: any) => d.kind).sort()).toEqual(['acceptance', 'acknowledgement', 'objection']);
    expect(detail.body.deadlines.find((d: any) => d.kind === 'objection').due).toBe(endsOn);
  });

  it('turns an auditing transfer into a tip with source audit, once however often it is delivered', async () => {
    const event = newEnvelope({
      type: 'auditing.ViolationTransferred',
      version: 1,
      producer: 'auditing',
      villageCode: village,
      actor: null,
      payload: {
        transferId: 't-77',
        engagementId: 'e-1',
        findingId: 'f-1',
        villageCode: village,
        transferredAt: new Date().toISOString(),
        category: 'collective_funds',
        description: '白条入账 3 笔',
        amount: '12345.60',
        responsiblePersons: [{ name: '孙会计', post: '报账员' }],
      },
    });
    await h.tipline.bus.publish([event]);
    await h.tipline.bus.publish([{ ...event }]);
    const rows: any[] = await eventually('audit tip', async () => {
      const fromAudits = (await h.call('GET', '/tipline/tips?limit=500', { token: discipline })).body.rows.filter((r: any) => r.channel === 'audit');
      return fromAudits.length > 0 && fromAudits;
    }, 30_000);
    expect(rows).toHaveLength(1);
    expect(rows[0].subjects).toContain('孙会计');
  });

  it('quotes figures for a report', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await h.call('GET', `/tipline/tips/statistics?from=${today}&to=${today}&by=category&compareFrom=2021-01-01&compareTo=2021-12-31`, { token: orgDept });
    expect(r.status).toBe(200);
    expect(r.body.total.received).toBeGreaterThan(5);
    expect(r.body.sentence).toMatch(new RegExp(`^共接到各类信访举报 ${r.body.total.received} 件，比上届增加 ${r.body.total.received} 件`));
    expect(r.body.rows.find((x: any) => x.key === 'vote_buying')).toMatchObject({ label: '拉票贿选', received: 2, repeats: 1 });
  });

  it('dates a letter from its arrival: received 2026-09-18, acceptance due 2026-10-08 (after National Day), then flagged overdue by its job', async () => {
    const r = await h.tipline.commandBus.execute(
      new SubmitTip(
        {
          channel: 'letter',
          category: 'collective_funds',
          subjects: [{ kind: 'village', villageCode: village }],
          text: '来信反映村集体资产发包不公开。',
          anonymous: true,
          reporter: null,
          files: [],
          issueReceipt: true,
          receivedAt: new Date('2026-09-18T10:00:00+08:00'),
        },
        null,
      ),
    );
    expect(r.acceptanceDue).toBe('2026-10-08');
    // The limit is long past: the projection schedules its jobs, which run at once and flag it.
    await waitFor(async () => {
      const d = await h.call('GET', `/tipline/tips/${r.tipId}`, { token: discipline });
      const types = d.body.history?.map((e: any) => e.type) ?? [];
      // Both jobs are due at once; a reminder that runs after the overdue flag rightly does nothing.
      return types.includes('DeadlineOverdue');
    }, 30_000, 'overdue flag');
    const overdue = await h.call('GET', '/tipline/tips?overdue=true&limit=500', { token: discipline });
    const row = overdue.body.rows.find((x: any) => x.tipId === r.tipId);
    expect(row).toMatchObject({ overdue: true, nextDeadline: { kind: 'acceptance', due: '2026-10-08', endsAt: '2026-10-08T16:00:00.000Z' } });
    const onTime = await h.call('GET', '/tipline/tips?overdue=false&limit=500', { token: discipline });
    expect(onTime.body.rows.some((x: any) => x.tipId === r.tipId)).toBe(false);
  });

  it('makes one first tip of five submitted at the same moment on the same matter, and links the other four', async () => {
    const subject = { kind: 'person', name: '周同时', citizenId: '110101199003074477', villageCode: village };
    const sent = await Promise.all(Array.from({ length: 5 }, () => submit(tipBody({ category: 'corruption', subjects: [subject], anonymous: true, reporter: null }))));
    expect(sent.map((x) => x.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = await Promise.all(sent.map((x) => tipIdOf(x.body.receiptCode)));
    const { rows } = await h.db.pool('tipline').query(
      `SELECT data->>'tipId' AS tip_id, data->>'repeatOf' AS repeat_of FROM events WHERE type = 'TipReceived' AND stream_id = ANY($1)`,
      [ids.map((i) => `tip-${i}`)],
    );
    const firsts = rows.filter((x) => x.repeat_of === null);
    expect(firsts).toHaveLength(1);
    expect(rows.filter((x) => x.repeat_of === firsts[0].tip_id)).toHaveLength(4);
  });

  it('lets a township clerk register a letter in its own township only; org_dept cannot register', async () => {
    const body = { channel: 'letter', category: 'inaction', subjects: [{ kind: 'village', villageCode: village }], text: '来信', anonymous: true };
    const own = await h.call('POST', '/tipline/tips', { token: township, json: body });
    expect(own.status).toBe(201);
    expect(own.body.receiptCode).toBeTruthy();
    const other = await h.call('POST', '/tipline/tips', { token: township, json: { ...body, subjects: [{ kind: 'village', villageCode: otherVillage }] } });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'scope.outside', message: '被举报的村（社区）不存在或不在您的管辖范围内' });
    expect((await h.call('POST', '/tipline/tips', { token: orgDept, json: body })).status).toBe(403);
    const backdated = await h.call('POST', '/tipline/tips', { token: township, json: { ...body, receivedAt: '2020-01-01T09:00:00+08:00' } });
    expect(backdated.status).toBe(422);
  });

  it('publishes an OpenAPI document with public and staff endpoints apart', async () => {
    const r = await h.call('GET', '/tipline/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths).filter((p) => p.startsWith('/tipline/public/')).length).toBeGreaterThanOrEqual(3);
    expect(r.body.paths['/tipline/tips/{id}/conclude'].post.requestBody).toBeDefined();
    // Generated from the controllers: Chinese summaries, the answers' schemas, query parameters, who may call.
    const conclude = r.body.paths['/tipline/tips/{id}/conclude'].post;
    expect(conclude.summary).toMatch(/^办结/);
    expect(Object.keys(conclude.responses['200'].content['application/json'].schema.properties)).toEqual(['tipId', 'status', 'version']);
    expect(conclude['x-roles']).toEqual(['discipline']);
    expect(r.body.paths['/tipline/tips'].get.parameters.map((p: { name: string }) => p.name)).toContain('village');
    expect(r.body.paths['/tipline/public/tips'].post.security).toEqual([]);
    // Downloads answer with the file itself.
    const binary = { type: 'string', format: 'binary' };
    expect(r.body.paths['/tipline/tips/export.xlsx'].get.responses['200'].content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual(binary);
    expect(r.body.paths['/tipline/tips/{id}/evidence/{sha256}'].get.responses['200'].content['application/octet-stream'].schema).toEqual(binary);
    // It describes fields, never a sample value someone could take for a reporter or a subject.
    expect(JSON.stringify(r.body)).not.toMatch(/"examples?"/);
  });

  it('answers an impossible date in the statistics period with 400 and a Chinese message', async () => {
    const r = await h.call('GET', '/tipline/tips/statistics?from=2026-02-30&to=2026-03-01', { token: orgDept });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('有效日期');
  });

  it('stops receipt-code guessing with the limiter (last: it locks this test client out)', async () => {
    const headers = { 'x-test': 'brute' };
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const guess = `ABCD-EFGH-${String(i).padStart(4, '0')}-JKMN-PQRS-TVWX`;
      statuses.push((await h.call('POST', '/tipline/public/receipts/lookup', { json: { code: guess }, headers })).status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    expect(statuses).toContain(429);
    const firstLocked = statuses.indexOf(429);
    expect(statuses.slice(firstLocked).every((s) => s === 429)).toBe(true);
  });

  it('logged nothing of any reporter during all of the above', () => {
    const all = h.logs.join('');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(REPORTER.name);
    expect(all).not.toContain(REPORTER.phone);
  });

  async function schemaText(schema: string): Promise<string> {
    const pool = h.db.pool();
    const { rows: tables } = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema]);
    let text = '';
    for (const t of tables) {
      const { rows } = await pool.query(`SELECT t::text AS row FROM ${schema}."${t.table_name}" t`);
      text += rows.map((r) => r.row).join('\n');
    }
    return text;
  }
});

async function workbookText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.value)))));
  return parts.join('\n');
}
