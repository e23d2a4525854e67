import ExcelJS from 'exceljs';
import type { z } from 'zod';
import * as views from '@lw/grievance/src/api/case-views.schemas';
import { PgIdentityStore } from '@lw/auth';
import { newEnvelope, type IntegrationEvent } from '@lw/domain';
import { caseIdForSource } from '@lw/grievance';
import { waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Grievance (问题整改销号) end to end in the embedded product: cases by hand and from the tip-line,
// auditing and vetting; the lifecycle with return and reopen; lights over the Spring Festival; the
// ledger, its figures and Excel; one closure of two; and township walls.
describe('grievance (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let township: string;
  let org: string;
  let discipline: string;
  let liaison: string;
  let village: string;
  let townshipNode: string;
  let otherTownship: string;
  let otherVillage: string;

  beforeAll(async () => {
    // Cases entered from paper ledgers may carry a 交办日期 far back; the holiday case below starts 2026-02-10.
    h = await startHarness({ GRIEVANCE_MAX_BACKDATE_DAYS: '3650' });
    [township, org, discipline, liaison] = await Promise.all(['township', 'org_dept', 'discipline', 'liaison'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    const hierarchyDb = h.db.pool('hierarchy', 1);
    const other = await hierarchyDb.query<{ code: string }>(
      `SELECT code FROM divisions WHERE level = 'village' AND code LIKE '320724%' AND code NOT LIKE $1 || '%' ORDER BY code LIMIT 1`,
      [townshipNode],
    );
    otherVillage = other.rows[0].code;
    otherTownship = otherVillage.slice(0, 9);
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  let grievanceDb: ReturnType<TiplineHarness['db']['pool']> | undefined;
  let tiplineDb: ReturnType<TiplineHarness['db']['pool']> | undefined;
  const gdb = () => (grievanceDb ??= h.db.pool('grievance', 2));
  const tdb = () => (tiplineDb ??= h.db.pool('tipline', 1));
  const call = (method: string, path: string, token: string, json?: unknown) => h.call(method, `/grievance${path}`, { token, json });
  const outbox = async (type: string): Promise<IntegrationEvent<any>[]> =>
    (await gdb().query(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 ORDER BY id`, [type])).rows.map((r) => r.envelope);
  const eventCount = async () => Number((await gdb().query('SELECT count(*) AS n FROM events')).rows[0].n);
  const consumed = async (eventId: string) => (await gdb().query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).rowCount === 1;

  async function inLedger(caseId: string, token = township, query = ''): Promise<any> {
    let row: any;
    await waitFor(async () => {
      const r = await call('GET', `/ledger?limit=500${query}`, token);
      row = r.body.rows?.find((x: any) => x.caseId === caseId);
      return !!row;
    }, 30_000, `case ${caseId} in the ledger`);
    return row;
  }

  const caseBody = (over: Record<string, unknown> = {}) => ({
    villageCode: village,
    source: 'inspection',
    category: '村务公开',
    severity: 'major',
    description: '“回头看”发现村务公开栏未按季度更新。',
    measures: '按季度公开财务收支，建立公开台账。',
    workingDays: 15,
    ...over,
  });

  async function applyAndClose(caseId: string) {
    expect((await call('POST', `/cases/${caseId}/apply`, liaison, { evidence: '整改佐证：公开栏照片、会议记录。' })).status).toBe(200);
    const closed = await call('POST', `/cases/${caseId}/close`, township, { summary: '整改到位，同意销号。' });
    expect(closed.status).toBe(200);
    return closed.body;
  }

  it('carries a case by hand through progress, return, closing and reopening, with the liaison as first responsible person', async () => {
    expect((await call('PUT', `/liaisons/${village}`, liaison, { name: '周联村' })).status).toBe(403);
    const assigned = await call('PUT', `/liaisons/${village}`, township, { name: '周联村', post: '镇党委副书记' });
    expect(assigned.status).toBe(200);

    const before = await eventCount();
    const bad = await call('POST', '/cases', township, caseBody({ description: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('问题描述');
    expect((await call('POST', '/cases', township, caseBody({ source: 'audit' }))).status).toBe(400); // sources of other services are not entered by hand
    // An unknown village is refused as one outside the area is (as vetting refuses it).
    const unknownVillage = await call('POST', '/cases', township, caseBody({ villageCode: '320724999999' }));
    expect([unknownVillage.status, unknownVillage.body.message]).toEqual([404, '村/社区不存在或不在您的管辖范围内']);
    expect((await call('POST', '/cases', liaison, caseBody())).status).toBe(403);
    expect(await eventCount()).toBe(before);

    const opened = await call('POST', '/cases', township, caseBody());
    expect(opened.status).toBe(201);
    const id = opened.body.caseId;
    const detail = (await call('GET', `/cases/${id}`, liaison)).body;
    expect(detail).toMatchObject({ status: 'assigned', responsiblePerson: { name: '周联村', post: '镇党委副书记' }, source: { kind: 'inspection', ref: null } });
    expect(detail.responsibleUnit).toMatch(/党委$/);

    expect((await call('POST', `/cases/${id}/progress`, liaison, { text: '已召开两委会研究整改方案。', attachments: ['evidence:sha256:ab12'] })).body.status).toBe('in_progress');
    expect((await call('POST', `/cases/${id}/close`, liaison, { summary: '自己销号' })).status).toBe(403);
    expect((await call('POST', `/cases/${id}/close`, township, { summary: '同意' })).status).toBe(409); // nothing applied for
    expect((await call('POST', `/cases/${id}/apply`, liaison, { evidence: '公开栏已更新。' })).body.status).toBe('closing_applied');
    expect((await call('POST', `/cases/${id}/return`, township, {})).status).toBe(400);
    const returned = await call('POST', `/cases/${id}/return`, township, { reasons: '缺少第三季度财务公开照片。' });
    expect(returned.body.status).toBe('returned');
    expect((await call('POST', `/cases/${id}/close`, township, { summary: '同意' })).status).toBe(409);
    const closed = await applyAndClose(id);
    expect(closed.status).toBe('closed');
    expect(closed.light).toBe('none');

    const sent = (await outbox('grievance.CaseClosed')).filter((e) => e.payload.caseId === id);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload.source).toEqual({ kind: 'inspection', ref: null });
    expect(sent[0].actor!.roles).toEqual(['township']);

    expect((await call('POST', `/cases/${id}/reopen`, liaison, { reason: '问题反弹' })).status).toBe(403);
    const reopened = await call('POST', `/cases/${id}/reopen`, township, { reason: '公开栏再次停更，问题反弹。', workingDays: 10 });
    expect(reopened.body.status).toBe('in_progress');
    const after = (await call('GET', `/cases/${id}`, township)).body;
    expect(after.reopenCount).toBe(1);
    expect(after.returns).toEqual([expect.objectContaining({ reasons: '缺少第三季度财务公开照片。' })]);
    expect(after.history.map((e: any) => e.type)).toEqual([
      'CaseOpened',
      'ProgressNoted',
      'ClosingApplied',
      'CaseReturned',
      'ClosingApplied',
      'CaseClosed',
      'CaseReopened',
    ]);
    expect(after.history.every((e: any) => typeof e.by === 'string')).toBe(true);
    expect((await inLedger(id, township, '&status=in_progress')).status).toBe('in_progress');
  });

  it('counts a limit in working days over the 2026 Spring Festival and shows red at read time, then records it by job', async () => {
    const opened = await call('POST', '/cases', township, caseBody({ category: '集体资产', startOn: '2026-02-10', workingDays: 10 }));
    expect(opened.status).toBe(201);
    const id = opened.body.caseId;
    // 2-14 and 2-28 are make-up working days, 2-15…2-23 the holiday: the 10th working day is 3-2.
    expect(opened.body.deadline).toMatchObject({ due: '2026-03-02', endsAt: '2026-03-02T16:00:00.000Z', beyondHorizon: false });
    expect(opened.body.light).toBe('red'); // from the limit itself, no job needed
    expect((await inLedger(id, township, '&light=red')).light).toBe('red');

    await waitFor(async () => (await outbox('grievance.CaseOverdue')).some((e) => e.payload.caseId === id), 30_000, 'overdue job');
    const overdue = (await outbox('grievance.CaseOverdue')).filter((e) => e.payload.caseId === id);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].payload).toMatchObject({ due: '2026-03-02', redCount: 1, townshipCode: townshipNode });

    // Moving a limit: county roles only, with a reason, never into the past.
    expect((await call('POST', `/cases/${id}/deadline`, township, { reason: '延期', due: '2026-12-31' })).status).toBe(403);
    expect((await call('POST', `/cases/${id}/deadline`, org, { due: '2026-12-31' })).status).toBe(400);
    expect((await call('POST', `/cases/${id}/deadline`, org, { reason: '补录', due: '2026-01-05' })).status).toBe(422);
    const moved = await call('POST', `/cases/${id}/deadline`, org, { reason: '涉及资产清查，经县委组织部同意延期。', due: '2027-03-31' });
    expect(moved.status).toBe(200);
    expect(moved.body.deadline).toMatchObject({ due: '2027-03-31', beyondHorizon: true });
    expect(moved.body.light).toBe('green');
  });

  it('opens a case from a concluded tip, and closing it gives the tip-line its feedback step', async () => {
    const form = new FormData();
    form.set(
      'tip',
      JSON.stringify({
        category: 'collective_funds',
        subjects: [{ kind: 'person', name: '王某', post: '村委会委员', villageCode: village }],
        text: '村委会委员王某挪用集体土地补偿款。',
        anonymous: false,
        reporter: { name: '郑密保', phone: '13912345678' },
      }),
    );
    const sent = await h.call('POST', '/tipline/public/tips', { form });
    expect(sent.status).toBe(201);
    const locator = sent.body.receiptCode.replace(/-/g, '').slice(0, 8);
    const tipId = (await tdb().query('SELECT tip_id FROM receipts WHERE locator = $1', [locator])).rows[0].tip_id;
    const step = (path: string, json: unknown = {}) => h.call('POST', `/tipline/tips/${tipId}/${path}`, { token: discipline, json });
    expect((await step('accept')).status).toBe(200);
    expect((await step('assign')).status).toBe(200);
    expect((await step('conclude', { finding: 'substantiated', summary: '属实，责令退还。', needsRectification: true })).status).toBe(200);

    const caseId = caseIdForSource('tip', tipId);
    const row = await inLedger(caseId);
    expect(row).toMatchObject({ source: { kind: 'tip', ref: tipId }, villageCode: village, status: 'assigned', responsiblePerson: { name: '周联村' } });
    expect(row.category).toBe('侵占集体资金'); // the tip category's name, not the tip-line's code
    expect(JSON.stringify(row)).not.toContain('郑密保');
    expect(JSON.stringify(await outbox('grievance.CaseOpened'))).not.toContain('郑密保');

    await applyAndClose(caseId);
    await waitFor(async () => {
      const d = await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline });
      return (d.body.history ?? []).some((e: any) => e.type === 'RectificationClosed');
    }, 30_000, 'tip-line records the closure');
    const tip = (await h.call('GET', `/tipline/tips/${tipId}`, { token: discipline })).body;
    expect(tip.deadlines.map((d: any) => d.kind)).toContain('feedback');
  });

  it('opens one case per serious audit finding however often it arrives, takes its amendment, and closing it reports source audit + findingId', async () => {
    const findingId = 'outgoing-e2026-' + village + '-F001';
    const payload = {
      engagementId: `outgoing-e2026-${village}`,
      findingId,
      villageCode: village,
      electionId: 'e2026',
      category: '白条入账',
      severity: 'serious',
      amount: '3200.50',
      rectificationRequired: true,
      violationSuspected: false,
      description: '白条入账 3 笔',
      responsiblePersons: [{ name: '赵书记', post: '村党组织书记' }],
      recordedAt: new Date().toISOString(),
      amendment: null,
    };
    const recorded = newEnvelope({ type: 'auditing.FindingRecorded', version: 1, producer: 'auditing', villageCode: village, actor: null, payload });
    const retry = { ...recorded, id: '01900000-0000-7000-8000-00000000a001' };
    await h.tipline.bus.publish([recorded]);
    await h.tipline.bus.publish([recorded, retry]);
    const caseId = caseIdForSource('audit', findingId);
    await inLedger(caseId);
    await waitFor(async () => (await consumed(recorded.id)) && (await consumed(retry.id)), 30_000, 'both deliveries consumed');
    const opened = async () => (await gdb().query(`SELECT count(*) AS n FROM events WHERE stream_id = $1 AND type = 'CaseOpened'`, [`case-${caseId}`])).rows[0].n;
    expect(Number(await opened())).toBe(1);
    expect((await outbox('grievance.CaseOpened')).filter((e) => e.payload.caseId === caseId)).toHaveLength(1);

    const amended = newEnvelope({
      type: 'auditing.FindingRecorded',
      version: 1,
      producer: 'auditing',
      villageCode: village,
      actor: null,
      payload: { ...payload, amount: '3100.50', amendment: { reason: '复核后金额调整', amendedBy: 'auditor-1' } },
    });
    await h.tipline.bus.publish([amended]);
    await waitFor(async () => (await call('GET', `/cases/${caseId}`, township)).body.description?.includes('3100.50'), 30_000, 'amendment applied');
    expect(Number(await opened())).toBe(1);

    await applyAndClose(caseId);
    const closed = (await outbox('grievance.CaseClosed')).filter((e) => e.payload.caseId === caseId);
    expect(closed).toHaveLength(1);
    expect(closed[0].payload).toMatchObject({ villageCode: village, source: { kind: 'audit', ref: findingId } });
  });

  it('opens one case per assessment problem, once per problem however often the assessment arrives', async () => {
    const payload = {
      assessmentId: 'a-2026',
      villageCode: village,
      period: '2026',
      teamGrade: '一般',
      classification: '调整充实',
      weak: false,
      turnout: { invited: 120, returned: 90 },
      problems: [
        { problemId: 'a-2026-1', category: '班子团结', description: '班子成员分工不明确', severity: 'general' },
        { problemId: 'a-2026-2', category: '作风建设', description: '为民服务代办制度落实不到位', severity: 'major' },
      ],
      recordedAt: new Date().toISOString(),
    };
    const e1 = newEnvelope({ type: 'vetting.AssessmentRecorded', version: 1, producer: 'vetting', villageCode: village, actor: null, payload });
    const e2 = newEnvelope({ type: 'vetting.AssessmentRecorded', version: 1, producer: 'vetting', villageCode: village, actor: null, payload });
    await h.tipline.bus.publish([e1, e2]);
    await waitFor(async () => (await consumed(e1.id)) && (await consumed(e2.id)), 30_000, 'assessment consumed');
    for (const p of payload.problems) await inLedger(caseIdForSource('analysis', p.problemId));
    const rows = (await call('GET', '/ledger?source=analysis&limit=500', township)).body.rows;
    expect(rows.map((r: any) => r.source.ref).sort()).toEqual(['a-2026-1', 'a-2026-2']);
  });

  it('lets exactly one of two reviewers closing at once succeed; the other gets 409', async () => {
    const id = (await call('POST', '/cases', township, caseBody({ category: '并发审核' }))).body.caseId;
    expect((await call('POST', `/cases/${id}/apply`, liaison, { evidence: '已整改。' })).status).toBe(200);
    const results = await Promise.all([
      call('POST', `/cases/${id}/close`, township, { summary: '乡镇同意销号' }),
      call('POST', `/cases/${id}/close`, org, { summary: '县委组织部同意销号' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await outbox('grievance.CaseClosed')).filter((e) => e.payload.caseId === id)).toHaveLength(1);
  });

  it('keeps township B out of township A’s cases, and A out of B’s', async () => {
    const identity = new PgIdentityStore(h.db.pool('auth', 1));
    await identity.createUser({ username: 'township_b', displayName: '另一乡镇党委', password: h.s.demoPassword, roles: ['township'], node: otherTownship });
    const b = await h.login('township_b');
    const mine = (await call('POST', '/cases', township, caseBody({ category: '越权测试' }))).body.caseId;
    await inLedger(mine);

    const refused = await call('GET', `/cases/${mine}`, b);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'scope.outside', message: '该事项不存在或不在您的管辖范围内' });
    expect((await call('POST', `/cases/${mine}/progress`, b, { text: '越权填报' })).status).toBe(404);
    expect((await call('POST', `/cases/${mine}/return`, b, { reasons: '越权退回' })).status).toBe(404);
    expect((await call('POST', '/cases', b, caseBody({ category: '越权交办' }))).status).toBe(404);
    const liaisonRefused = await call('PUT', `/liaisons/${village}`, b, { name: '越权' });
    expect(liaisonRefused.status).toBe(404);
    expect(liaisonRefused.body.message).toBe('村/社区不存在或不在您的管辖范围内');
    expect((await call('GET', `/ledger?node=${townshipNode}`, b)).status).toBe(404);
    expect((await call('GET', `/ledger/villages/${village}`, b)).status).toBe(404);
    const theirs = (await call('GET', '/ledger?limit=500', b)).body;
    expect(theirs.rows.filter((r: any) => r.villageCode.startsWith(townshipNode))).toEqual([]);

    const bCase = await call('POST', '/cases', b, caseBody({ villageCode: otherVillage, category: 'B 的问题' }));
    expect(bCase.status).toBe(201);
    expect((await call('GET', `/cases/${bCase.body.caseId}`, township)).status).toBe(404);
    expect((await inLedger(bCase.body.caseId, b)).villageCode).toBe(otherVillage);
    expect((await call('GET', `/cases/${bCase.body.caseId}`, org)).status).toBe(200); // the county sees both
  });

  it('gives closure rates and overdue counts, the Excel ledger in the clerks’ layout, and the 一村一策 view', async () => {
    // Wait until every case so far is in the ledger.
    const streams = Number((await gdb().query(`SELECT count(DISTINCT stream_id) AS n FROM events WHERE stream_id LIKE 'case-%'`)).rows[0].n);
    await waitFor(async () => (await call('GET', '/ledger?limit=1', org)).body.total === streams, 30_000, 'ledger caught up');
    const all = (await call('GET', '/ledger?limit=500', township)).body.rows.filter((r: any) => r.villageCode === village);
    const closed = all.filter((r: any) => r.status === 'closed').length;
    const overdue = all.filter((r: any) => r.light === 'red').length;
    // Every row carries its working-day countdown: ≤ 0 once overdue, ≥ 0 before (the last day ends at 24:00).
    expect(all.every((r: any) => Number.isInteger(r.deadline.workingDaysLeft))).toBe(true);
    expect(all.filter((r: any) => r.light === 'red').every((r: any) => r.deadline.workingDaysLeft <= 0)).toBe(true);
    expect(all.filter((r: any) => r.light === 'green' || r.light === 'yellow').every((r: any) => r.deadline.workingDaysLeft >= 0)).toBe(true);

    const byVillage = (await call('GET', '/ledger/statistics?by=village', township)).body;
    const row = byVillage.rows.find((r: any) => r.code === village);
    expect(row).toMatchObject({ total: all.length, closed, overdue, closureRate: Math.round((closed / all.length) * 1000) / 10 });
    const byCounty = (await call('GET', '/ledger/statistics?by=county', org)).body;
    expect(byCounty.total.total).toBe(streams);
    expect((await call('GET', '/ledger/statistics?by=month', org)).status).toBe(400);

    const res = await h.call('GET', '/grievance/ledger/export.xlsx', { token: township });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as any);
    const ws = wb.getWorksheet('整改台账')!;
    expect(ws.getRow(1).getCell(1).value).toBe('问题整改台账');
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 11)).toEqual(['序号', '村（社区）', '问题来源', '问题类别', '问题描述', '整改措施', '责任单位', '责任人', '整改时限', '整改进展', '是否销号']);
    const total = (await call('GET', '/ledger?limit=1', township)).body.total;
    expect(ws.rowCount).toBe(total + 2);
    expect(ws.getRow(3).getCell(1).value).toBe(1);

    const plan = (await call('GET', `/ledger/villages/${village}`, liaison)).body;
    expect(plan.items.every((i: any) => i.status !== 'closed' && i.villageCode === village)).toBe(true);
    expect(plan.items).toHaveLength(all.length - closed);
    expect(plan.bySource.map((s: any) => s.kind).sort()).toEqual(expect.arrayContaining(['analysis', 'inspection']));
  });

  it('describes every grievance route in GET /grievance/openapi.json: its summary, input and answer schemas', async () => {
    const r = await h.call('GET', '/grievance/openapi.json');
    expect(r.status).toBe(200);
    const paths = r.body.paths;
    const routes = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const c = '/grievance/cases';
    expect(routes.sort()).toEqual(
      [
        `POST ${c}`,
        `GET ${c}/{id}`,
        ...['progress', 'apply', 'close', 'return', 'reopen', 'deadline', 'responsible', 'milestones/{mid}/complete'].map((step) => `POST ${c}/{id}/${step}`),
        ...['ledger', 'ledger/statistics', 'ledger/export.xlsx', 'ledger/villages/{code}', 'liaisons', 'health', 'ready'].map((p) => `GET /grievance/${p}`),
        'PUT /grievance/liaisons/{villageCode}',
        'DELETE /grievance/liaisons/{villageCode}',
      ].sort(),
    );
    for (const [path, ops] of Object.entries(paths)) {
      if (path === '/grievance/health' || path === '/grievance/ready') continue;
      for (const [method, op] of Object.entries(ops as Record<string, any>)) {
        expect([path, method, typeof op.summary]).toEqual([path, method, 'string']);
        if (method === 'delete') {
          expect([op.responses['204']?.description, op.responses['200']]).toEqual([expect.any(String), undefined]);
          continue;
        }
        const success = op.responses['200'] ?? op.responses['201'];
        expect([path, method, Object.values(success.content ?? {}).map((x: any) => x.schema)]).toEqual([path, method, [expect.objectContaining({})]]);
        const schema = (Object.values(success.content)[0] as any).schema;
        expect([path, method, Boolean(schema.type ?? schema.anyOf ?? schema.oneOf)]).toEqual([path, method, true]);
      }
    }
    const body = (path: string, method = 'post') => paths[path][method].requestBody.content['application/json'].schema;
    expect(body(c).required).toEqual(expect.arrayContaining(['villageCode', 'source', 'category', 'description', 'measures']));
    for (const [step, field] of [['progress', 'text'], ['apply', 'evidence'], ['close', 'summary'], ['return', 'reasons'], ['reopen', 'reason'], ['deadline', 'reason'], ['responsible', 'reason']]) {
      expect(body(`${c}/{id}/${step}`).required).toContain(field);
    }
    expect(body('/grievance/liaisons/{villageCode}', 'put').required).toEqual(['name']);
    expect(paths['/grievance/ledger'].get.parameters.map((p: any) => p.name).sort()).toEqual(['category', 'light', 'limit', 'node', 'offset', 'severity', 'source', 'status']);
    expect(paths['/grievance/ledger/statistics'].get.parameters.map((p: any) => p.name).sort()).toEqual(['by', 'from', 'node', 'to']);
    expect(Object.keys(paths['/grievance/ledger/export.xlsx'].get.responses['200'].content)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(paths[`${c}/{id}`].get.responses['200'].content['application/json'].schema.properties.history.items.properties.by).toBeDefined();

    // The documented answers are the real ones: parsing keeps every field (an undocumented one would be stripped).
    const opened = await call('POST', '/cases', township, caseBody({ category: '文档核对' }));
    expect([opened.status, views.caseSummaryView.parse(opened.body)]).toEqual([201, opened.body]);
    const answers: [z.ZodType, string][] = [
      [views.ledgerPageView, '/ledger?limit=500'],
      [views.statisticsView, '/ledger/statistics?by=village'],
      [views.statisticsView, '/ledger/statistics?by=township&from=2026-01-01&to=2026-12-31'],
      [views.villagePlanView, `/ledger/villages/${village}`],
      [views.caseDetailView, `/cases/${opened.body.caseId}`],
      [views.liaisonListView, '/liaisons'],
    ];
    for (const [schema, path] of answers) {
      const answer = (await call('GET', path, township)).body;
      expect([path, schema.parse(answer)]).toEqual([path, answer]);
    }
  });
});
