import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { z } from 'zod';
import * as views from '@lw/auditing/src/api/auditing-views.schemas';
import { newEnvelope, type IntegrationEvent } from '@lw/domain';
import { electionOpened, eventually, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Auditing end to end in the embedded product: vetting's ElectionOpened plans one outgoing audit per
// village (a redelivery plans nothing new), auditors record findings, conclude and publish; the
// integration events carry the right seriousOpen; a suspected violation becomes a tip at the
// tip-line; grievance's case closure rectifies a finding; Word and Excel hold the exact figures.
describe('auditing: outgoing audits of an election (embedded product, HTTP and bus)', () => {
  let h: TiplineHarness;
  let auditor: string;
  let org: string;
  let township: string;
  let discipline: string;
  /** Two villages of the demo township user's township, one of another township. */
  let A: string;
  let B: string;
  let C: string;
  const EID = 'e2026aud';

  const auditingDb = () => h.db.pool('auditing');
  const outbox = async (type: string) =>
    (await auditingDb().query(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 ORDER BY id`, [type])).rows.map((r) => r.envelope as IntegrationEvent<any>);

  const openedEvent = () =>
    electionOpened({
      electionId: EID,
      scope: '320724',
      openedAt: '2026-09-01T01:00:00.000Z',
      villages: [
        { villageCode: A, outgoingHeads: [{ personId: 'p-a1', name: '赵书记', post: '党支部书记', since: '2021-03-15' }] },
        { villageCode: B, outgoingHeads: [{ personId: 'p-b1', name: '钱主任', post: '村委会主任', since: null }] },
        { villageCode: C, outgoingHeads: [] },
      ],
    });

  const id = (village: string) => `outgoing-${EID}-${village}`;
  const finding = (over: Record<string, unknown> = {}) => ({
    category: 'misappropriation',
    severity: 'general',
    amount: '0.1',
    description: '挪用集体资金用于招待',
    responsiblePersons: [{ name: '赵书记', post: '党支部书记' }],
    evidence: [{ fileName: '记账凭证.pdf', sha256: 'b'.repeat(64) }],
    rectificationRequired: true,
    ...over,
  });

  beforeAll(async () => {
    h = await startHarness();
    [auditor, org, township, discipline] = await Promise.all(['auditor', 'org_dept', 'township', 'discipline'].map((u) => h.login(u)));
    const myTownship = h.s.accounts.find((a) => a.username === 'township')!.node;
    const hierarchy = h.tipline.platform.hierarchy;
    const villages = hierarchy.descendants('320724', { level: 'village' }).filter((v) => v.validTo == null);
    const mine = villages.filter((v) => hierarchy.isInside(v.code, myTownship));
    const other = villages.find((v) => !hierarchy.isInside(v.code, myTownship))!;
    [A, B, C] = [mine[0].code12, mine[1].code12, other.code12];
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('plans one outgoing audit per village of an opened election; a redelivery plans nothing new', async () => {
    const opened = openedEvent();
    await h.tipline.bus.publish([opened]);
    await waitFor(async () => (await h.call('GET', `/auditing/engagements?electionId=${EID}`, { token: auditor })).body.total === 3, 30_000, 'three engagements');
    // The same event again, and the same election under another event id (a producer's retry).
    const again = { ...openedEvent(), id: '01900000-0000-7000-8000-000000000001' };
    await h.tipline.bus.publish([opened, again]);
    await waitFor(async () => (await auditingDb().query('SELECT 1 FROM inbox WHERE event_id = $1', [again.id])).rowCount === 1, 30_000, 'redelivery consumed');
    const streams = await auditingDb().query(`SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'engagement-outgoing-${EID}-%'`);
    expect(streams.rowCount).toBe(3);
    const planned = await outbox('auditing.AuditPlanned');
    expect(planned.map((e) => e.payload.villageCode).sort()).toEqual([A, B, C].sort());
    const a = planned.find((e) => e.payload.villageCode === A)!.payload;
    expect(a).toMatchObject({ engagementId: id(A), kind: 'outgoing', electionId: EID, persons: [{ name: '赵书记', post: '党支部书记' }], periodFrom: '2021-03-15', periodTo: '2026-09-01' });
    expect(planned.find((e) => e.payload.villageCode === B)!.payload.periodFrom).toBe('2021-09-01');
  });

  it('records findings during fieldwork, concludes and publishes with the serious findings still open', async () => {
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: auditor, json: finding() })).status).toBe(409); // not in fieldwork yet
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/fieldwork`, { token: auditor, json: { auditors: ['县审计局 周审计'] } })).status).toBe(200);
    const serious = await h.call('POST', `/auditing/engagements/${id(A)}/findings`, {
      token: auditor,
      json: finding({ severity: 'serious', amount: '0.1', violationSuspected: true, responsiblePersons: [{ name: '赵书记', post: '党支部书记' }] }),
    });
    expect(serious.status).toBe(201);
    expect(serious.body).toMatchObject({ findingId: `${id(A)}-F001`, amount: '0.10', transferred: true, seriousOpen: 1 });
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: auditor, json: finding({ category: 'unreceipted_voucher', amount: '0.2' }) })).status).toBe(201);
    // Bad input: nothing written.
    const float = await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: auditor, json: finding({ amount: 0.3 }) });
    expect(float.status).toBe(400);
    expect(float.body.message).toContain('金额');
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: auditor, json: finding({ amount: '0.005' }) })).status).toBe(422);
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: auditor, json: finding({ category: 'lottery' }) })).status).toBe(422);
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: org, json: finding() })).status).toBe(403);
    for (const step of ['draft', 'conclude']) expect((await h.call('POST', `/auditing/engagements/${id(A)}/${step}`, { token: auditor, json: {} })).status).toBe(200);
    expect((await h.call('POST', `/auditing/engagements/${id(A)}/findings`, { token: auditor, json: finding() })).status).toBe(409); // concluded
    const pub = await h.call('POST', `/auditing/engagements/${id(A)}/publish`, { token: auditor });
    expect(pub.status).toBe(200);
    expect(pub.body.notice.endsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // B: large amounts that floats cannot add.
    await h.call('POST', `/auditing/engagements/${id(B)}/fieldwork`, { token: auditor, json: { auditors: ['乡财政所 吴会计'] } });
    for (let i = 0; i < 3; i++) {
      expect((await h.call('POST', `/auditing/engagements/${id(B)}/findings`, { token: auditor, json: finding({ category: 'new_debt', amount: '9999999999999.99', responsiblePersons: [{ name: '钱主任' }] }) })).status).toBe(201);
    }
    for (const step of ['draft', 'conclude']) expect((await h.call('POST', `/auditing/engagements/${id(B)}/${step}`, { token: auditor, json: {} })).status).toBe(200);

    const concluded = await outbox('auditing.AuditConcluded');
    expect(concluded.find((e) => e.payload.villageCode === A)!.payload).toMatchObject({ engagementId: id(A), electionId: EID, findings: 2, seriousOpen: 1 });
    expect(concluded.find((e) => e.payload.villageCode === B)!.payload).toMatchObject({ findings: 3, seriousOpen: 0 });
    const published = await outbox('auditing.AuditPublished');
    expect(published).toHaveLength(1);
    expect(published[0].payload).toMatchObject({ villageCode: A, seriousOpen: 1, noticeEndsOn: pub.body.notice.endsOn });
    const recorded = await outbox('auditing.FindingRecorded');
    expect(recorded.filter((e) => e.payload.engagementId === id(A)).map((e) => [e.payload.severity, e.payload.amount, e.payload.amendment])).toEqual([
      ['serious', '0.10', null],
      ['general', '0.20', null],
    ]);

    // The progress read model follows each engagement's events on its own: wait for both figures.
    await waitFor(async () => {
      const p = (await h.call('GET', `/auditing/elections/${EID}/progress`, { token: org })).body;
      return p.published === 1 && p.concluded === 2;
    }, 30_000, 'progress');
    const progress = (await h.call('GET', `/auditing/elections/${EID}/progress`, { token: org })).body;
    expect(progress).toMatchObject({ planned: 3, concluded: 2, published: 1, seriousOpen: 1, blockingVillages: 3 });
    expect(progress.blocking.find((v: any) => v.villageCode === A).reasons).toEqual(['审计发现 1 个严重问题尚未整改销号']);
    expect(progress.blocking.find((v: any) => v.villageCode === B).reasons).toEqual(['离任经济责任审计结果尚未公示']);
    expect(progress.blocking.find((v: any) => v.villageCode === C).reasons).toEqual(['离任经济责任审计尚未完成']);
  });

  it('transfers the suspected violation to the tip-line as a tip with source audit', async () => {
    const rows: any[] = await eventually('audit tip', async () => {
      const fromAudits = (await h.call('GET', '/tipline/tips?limit=500', { token: discipline })).body.rows.filter((r: any) => r.channel === 'audit');
      return fromAudits.length > 0 && fromAudits;
    }, 30_000);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ villageCode: A, category: 'collective_funds' });
    expect(rows[0].subjects).toContain('赵书记');
    const transfer = (await outbox('auditing.ViolationTransferred'))[0].payload;
    expect(transfer).toMatchObject({ findingId: `${id(A)}-F001`, amount: '0.10', villageCode: A });
  });

  it('marks a finding rectified when grievance closes its case, and the village no longer blocks', async () => {
    const closed = newEnvelope({
      type: 'grievance.CaseClosed',
      version: 1,
      producer: 'grievance',
      villageCode: A,
      actor: null,
      payload: { caseId: 'case-9', villageCode: A, closedAt: new Date().toISOString(), source: { kind: 'audit', ref: `${id(A)}-F001` }, summary: '资金已退回' },
    });
    await h.tipline.bus.publish([closed, { ...closed, id: '01900000-0000-7000-8000-000000000002' }]);
    await waitFor(async () => (await outbox('auditing.FindingRectified')).length > 0, 30_000, 'rectified');
    await waitFor(async () => (await auditingDb().query('SELECT 1 FROM inbox WHERE event_id = $1', ['01900000-0000-7000-8000-000000000002'])).rowCount === 1, 30_000, 'second closure consumed');
    const rectified = await outbox('auditing.FindingRectified');
    expect(rectified).toHaveLength(1);
    expect(rectified[0].payload).toMatchObject({ findingId: `${id(A)}-F001`, severity: 'serious', caseId: 'case-9', seriousOpen: 0, electionId: EID });
    await waitFor(async () => (await h.call('GET', `/auditing/elections/${EID}/progress`, { token: org })).body.seriousOpen === 0, 30_000, 'progress after rectification');
    const progress = (await h.call('GET', `/auditing/elections/${EID}/progress`, { token: org })).body;
    expect(progress.blocking.map((v: any) => v.villageCode).sort()).toEqual([B, C].sort());
  });

  it('corrects a published finding only by an explicit, attributed amendment, keeping the original', async () => {
    const fid = `${id(A)}-F002`;
    const path = `/auditing/engagements/${id(A)}/findings/${fid}/amendments`;
    expect((await h.call('POST', path, { token: auditor, json: finding({ category: 'unreceipted_voucher', amount: '0.25' }) })).status).toBe(400); // no reason
    expect((await h.call('POST', path, { token: org, json: { ...finding(), reason: '复核' } })).status).toBe(403);
    expect((await h.call('POST', `/auditing/engagements/${id(B)}/findings/${id(B)}-F001/amendments`, { token: auditor, json: { ...finding(), reason: '复核' } })).status).toBe(409); // B not published
    const ok = await h.call('POST', path, { token: auditor, json: { ...finding({ category: 'unreceipted_voucher', amount: '0.25' }), reason: '村民异议，复核后金额调整' } });
    expect(ok.status).toBe(201);
    const detail = (await h.call('GET', `/auditing/engagements/${id(A)}`, { token: org })).body;
    const f = detail.findings.find((x: any) => x.findingId === fid);
    expect(f.amount).toBe('0.25');
    expect(f.revisions.map((r: any) => [r.content.amount, r.reason])).toEqual([
      ['0.20', null],
      ['0.25', '村民异议，复核后金额调整'],
    ]);
    expect(f.revisions[1].by).toBe(f.revisions[0].by);
    const amendment = (await outbox('auditing.FindingRecorded')).find((e) => e.payload.findingId === fid && e.payload.amendment);
    expect(amendment!.payload).toMatchObject({ amount: '0.25', amendment: { reason: '村民异议，复核后金额调整' } });
    expect(amendment!.payload.amendment.amendedBy).toBe(amendment!.actor!.userId);
    // Put it back so the sums below stay simple: 0.1 + 0.2.
    expect((await h.call('POST', path, { token: auditor, json: { ...finding({ category: 'unreceipted_voucher', amount: '0.2' }), reason: '再次复核，恢复原金额' } })).status).toBe(201);
  });

  it('sums amounts exactly, and the Word report and the Excel table hold the figures', async () => {
    // The read model follows the amendments above; wait for the last one (0.25 back to 0.20) to be projected.
    await waitFor(async () => (await h.call('GET', `/auditing/summary?electionId=${EID}`, { token: org })).body.rows?.some((r: any) => r.category === 'unreceipted_voucher' && r.amount === '0.20'), 30_000, 'summary');
    const summary = (await h.call('GET', `/auditing/summary?electionId=${EID}`, { token: org })).body;
    expect(summary.rows.map((r: any) => [r.categoryName, r.findings, r.amount])).toEqual([
      ['白条入账', 1, '0.20'],
      ['挪用', 1, '0.10'],
      ['新增债务', 3, '29999999999999.97'],
    ]);
    expect(summary.total).toBe('30000000000000.27');

    const docx = await h.call('GET', `/auditing/engagements/${id(B)}/report.docx`, { token: org });
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('离任经济责任审计报告');
    expect(xml).toContain('钱主任');
    expect(xml.split('9,999,999,999,999.99').length - 1).toBe(3);
    expect(xml).toContain('29,999,999,999,999.97');
    const docxA = await h.call('GET', `/auditing/engagements/${id(A)}/report.docx`, { token: auditor });
    const xmlA = await (await JSZip.loadAsync(docxA.bytes)).file('word/document.xml')!.async('string');
    expect(xmlA).toContain('涉及金额 0.30 元');
    expect(xmlA).toContain('已销号');

    const xlsx = await h.call('GET', `/auditing/findings.xlsx?electionId=${EID}`, { token: org });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as any);
    const detail = wb.getWorksheet('问题明细')!;
    const amounts: string[] = [];
    detail.eachRow((row, n) => {
      if (n > 2) amounts.push(String(row.getCell(7).value ?? ''));
    });
    expect(amounts).toEqual(expect.arrayContaining(['0.10', '0.20', '9999999999999.99', '30000000000000.27']));
    const sums = wb.getWorksheet('按类别汇总')!;
    const last = sums.getRow(sums.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(4).value]).toEqual(['合计', 5, '30000000000000.27']);
  });

  it('keeps users inside their subtree: a township sees its villages, not another township\'s', async () => {
    expect((await h.call('GET', `/auditing/engagements/${id(A)}`, { token: township })).status).toBe(200);
    const hidden = await h.call('GET', `/auditing/engagements/${id(C)}`, { token: township });
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toBe('审计项目不存在或不在您的管辖范围内');
    // Another township's audit and a missing one are refused alike.
    const missing = await h.call('GET', `/auditing/engagements/no-such-audit`, { token: township });
    expect([missing.status, missing.body.message]).toEqual([404, hidden.body.message]);
    expect((await h.call('GET', `/auditing/engagements/${id(C)}/report.docx`, { token: township })).status).toBe(404);
    const list = (await h.call('GET', `/auditing/engagements?electionId=${EID}`, { token: township })).body;
    expect(list.rows.map((r: any) => r.villageCode).sort()).toEqual([A, B].sort());
    // Narrowing to a village outside the area is refused, not answered with an empty list.
    for (const path of [`/auditing/engagements?village=${C}`, `/auditing/summary?node=${C}`]) {
      const outside = await h.call('GET', path, { token: township });
      expect([path, outside.status, outside.body.message]).toEqual([path, 404, '该地区不存在或不在您的管辖范围内']);
    }
    expect((await h.call('GET', `/auditing/engagements?village=${A}`, { token: township })).body.rows.map((r: any) => r.villageCode)).toEqual([A]);
    const progress = (await h.call('GET', `/auditing/elections/${EID}/progress`, { token: township })).body;
    expect(progress.planned).toBe(2);
    expect((await h.call('GET', `/auditing/engagements/${id(C)}`, { token: org })).status).toBe(200);
    // The elections with audits, as the console's selector lists them: the township's two villages only.
    const elections = (await h.call('GET', '/auditing/elections', { token: township })).body;
    expect(elections.rows).toEqual([expect.objectContaining({ electionId: EID, planned: 2 })]);
    expect((await h.call('GET', '/auditing/elections', { token: auditor })).body.rows).toEqual([expect.objectContaining({ electionId: EID, planned: 3 })]);
  });

  it('answers an impossible date in a period with 400 and a Chinese message, not a database error', async () => {
    const r = await h.call('GET', '/auditing/summary?from=2026-02-30&to=2026-03-01', { token: org });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('有效日期');
  });

  it('lists the finding categories (data) and severities the finding form offers', async () => {
    const r = await h.call('GET', '/auditing/categories', { token: auditor });
    expect(r.status).toBe(200);
    expect(r.body.categories).toContainEqual({ code: 'unreceipted_voucher', name: '白条入账' });
    expect(r.body.severities).toEqual([
      { code: 'general', label: '一般' },
      { code: 'major', label: '较重' },
      { code: 'serious', label: '严重' },
    ]);
    expect((await h.call('GET', '/auditing/categories')).status).toBe(401);
  });

  it('describes every auditing route in GET /auditing/openapi.json: its summary, input and answer schemas', async () => {
    const r = await h.call('GET', '/auditing/openapi.json');
    expect(r.status).toBe(200);
    const paths = r.body.paths;
    const routes = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const e = '/auditing/engagements';
    expect(routes.sort()).toEqual(
      [
        `GET ${e}`,
        `POST ${e}`,
        `GET ${e}/{id}`,
        `GET ${e}/{id}/report.docx`,
        ...['fieldwork', 'draft', 'conclude', 'publish', 'findings'].map((step) => `POST ${e}/{id}/${step}`),
        `POST ${e}/{id}/findings/{fid}/amendments`,
        ...['categories', 'elections', 'elections/{eid}/progress', 'summary', 'findings.xlsx', 'health', 'ready'].map((p) => `GET /auditing/${p}`),
      ].sort(),
    );
    for (const [path, ops] of Object.entries(paths)) {
      if (path === '/auditing/health' || path === '/auditing/ready') continue;
      for (const [method, op] of Object.entries(ops as Record<string, any>)) {
        expect([path, method, typeof op.summary]).toEqual([path, method, 'string']);
        const success = op.responses['200'] ?? op.responses['201'];
        expect(Object.values(success.content ?? {}).map((c: any) => c.schema)).toEqual([expect.objectContaining({ type: expect.any(String) })]);
      }
    }
    const body = (path: string) => paths[path].post.requestBody.content['application/json'].schema;
    expect(body(`${e}/{id}/findings`).required).toEqual(expect.arrayContaining(['category', 'severity', 'description', 'rectificationRequired']));
    expect(body(`${e}/{id}/findings/{fid}/amendments`).required).toContain('reason');
    expect(paths[`${e}/{id}/conclude`].post.requestBody.required).toBe(false);
    expect(paths[e].get.parameters.map((p: any) => p.name).sort()).toEqual(['electionId', 'kind', 'limit', 'offset', 'status', 'village']);
    expect(paths['/auditing/summary'].get.parameters.map((p: any) => p.name).sort()).toEqual(['electionId', 'from', 'node', 'to']);
    expect(paths[`${e}/{id}`].get.responses['200'].content['application/json'].schema.properties.findings.items.properties.revisions).toBeDefined();
    expect(Object.keys(paths[`${e}/{id}/report.docx`].get.responses['200'].content)).toEqual(['application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    // The documented answers are the real ones: parsing keeps every field (an undocumented one would be stripped).
    const answers: [z.ZodType, string][] = [
      [views.engagementListView, `${e}?electionId=${EID}`],
      [views.engagementDetailView, `${e}/${id(A)}`],
      [views.categoriesView, '/auditing/categories'],
      [views.auditedElectionsView, '/auditing/elections'],
      [views.progressView, `/auditing/elections/${EID}/progress`],
      [views.summaryView, `/auditing/summary?electionId=${EID}`],
    ];
    for (const [schema, path] of answers) {
      const answer = (await h.call('GET', path, { token: org })).body;
      expect(schema.parse(answer)).toEqual(answer);
    }
  });

  it('opens a 三资 audit by hand: auditors only, known villages, valid periods', async () => {
    const body = { villageCode: C, persons: [{ name: '孙会计', post: '报账员' }], periodFrom: '2024-01-01', periodTo: '2025-12-31', auditors: ['县农经站 郑审计'] };
    expect((await h.call('POST', '/auditing/engagements', { token: township, json: body })).status).toBe(403);
    expect((await h.call('POST', '/auditing/engagements', { token: auditor, json: { ...body, villageCode: '110101001001' } })).status).toBe(422);
    expect((await h.call('POST', '/auditing/engagements', { token: auditor, json: { ...body, periodFrom: '2026-01-01' } })).status).toBe(422);
    expect((await h.call('POST', '/auditing/engagements', { token: auditor, json: { ...body, periodFrom: '2024-02-30' } })).status).toBe(400);
    const opened = await h.call('POST', '/auditing/engagements', { token: auditor, json: body });
    expect(opened.status).toBe(201);
    const detail = (await h.call('GET', `/auditing/engagements/${opened.body.engagementId}`, { token: org })).body;
    expect(detail).toMatchObject({ kind: 'three_assets', electionId: null, status: 'planned', auditors: ['县农经站 郑审计'], gateReasons: [] });
    expect((await outbox('auditing.AuditPlanned')).some((e) => e.payload.engagementId === opened.body.engagementId && e.payload.kind === 'three_assets')).toBe(true);
  });
});
