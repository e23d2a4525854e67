import ExcelJS from 'exceljs';
import { PgIdentityStore } from '@lw/auth';
import { waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Who sees what of a tip (issue 14, M5) and the approved reveal of a reporter (M7), end to end over
// HTTP in the embedded product. The staff GET routes are read from the router itself, so a read
// route added later without the access policy fails here.
const REPORTER = { name: '蒋保密', phone: '13955554444', idNumber: null, contact: null };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('tip-line visibility and approved reveals (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let discipline: string;
  let disciplineB: string;
  let disciplineElsewhere: string;
  let township: string;
  /** The township's discipline staff: a discipline user at the township node (the unit tips are assigned to). */
  let disciplineTown: string;
  let orgDept: string;
  let village: string;
  let countyNode: string;
  let townshipNode: string;
  /** In the township's village: assigned to the township's unit / not yet assigned / assigned to the county. */
  const tip = { assigned: '', unassigned: '', county: '' };
  let evidenceOfUnassigned = '';
  let evidenceOfAssigned = '';
  let secondDisciplineId = '';

  beforeAll(async () => {
    h = await startHarness();
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    countyNode = h.s.accounts.find((a) => a.username === 'discipline')!.node;
    townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    const other = await h.db.pool('hierarchy').query<{ code: string }>(
      `SELECT code FROM divisions WHERE level = 'township' AND code LIKE $1 || '%' AND code <> $2 ORDER BY code LIMIT 1`,
      [countyNode, townshipNode],
    );
    // A second discipline official of the county (the approver), and one of another township (out of scope).
    const identity = new PgIdentityStore(h.db.pool('auth', 1));
    const b = await identity.createUser({ username: 'discipline_b', displayName: '县纪委监委审批人', password: h.s.demoPassword, roles: ['discipline'], node: countyNode });
    secondDisciplineId = b.id;
    await identity.createUser({ username: 'discipline_far', displayName: '另一乡镇纪委', password: h.s.demoPassword, roles: ['discipline'], node: other.rows[0].code });
    await identity.createUser({ username: 'discipline_town', displayName: '本镇纪委', password: h.s.demoPassword, roles: ['discipline'], node: townshipNode });
    [discipline, disciplineB, disciplineElsewhere, township, disciplineTown, orgDept] = await Promise.all(
      ['discipline', 'discipline_b', 'discipline_far', 'township', 'discipline_town', 'org_dept'].map((u) => h.login(u)),
    );

    tip.assigned = await file('甲某', '甲某挪用集体资金，内容甲。');
    tip.unassigned = await file('乙某', '乙某优亲厚友，内容乙。');
    tip.county = await file('丙某', '丙某违规发包，内容丙。');
    const step = (id: string, path: string, json: unknown = {}) => h.call('POST', `/tipline/tips/${id}/${path}`, { token: discipline, json });
    for (const id of [tip.assigned, tip.county]) expect((await step(id, 'accept')).status).toBe(200);
    expect((await step(tip.assigned, 'assign')).body.status).toBe('assigned'); // a 村委会委员: the township's commission
    expect((await step(tip.county, 'assign', { unitCode: countyNode })).body.status).toBe('assigned');
    for (const id of Object.values(tip)) await inInbox(id);
    // Each assignment answered once the inbox showed it (read-your-writes).
    for (const id of [tip.assigned, tip.county]) expect(await inboxRow(id)).toMatchObject({ status: 'assigned', unitCode: expect.any(String) });
    evidenceOfAssigned = (await h.call('GET', `/tipline/tips/${tip.assigned}`, { token: discipline })).body.evidence[0].sha256;
    evidenceOfUnassigned = (await h.call('GET', `/tipline/tips/${tip.unassigned}`, { token: discipline })).body.evidence[0].sha256;
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function file(subject: string, text: string): Promise<string> {
    const form = new FormData();
    const body = { category: 'collective_funds', subjects: [{ kind: 'person', name: subject, post: '村委会委员', villageCode: village }], text, anonymous: false, reporter: REPORTER };
    form.set('tip', JSON.stringify(body));
    form.append('evidence', new Blob([PNG], { type: 'image/png' }), `${subject}.png`);
    const sent = await h.call('POST', '/tipline/public/tips', { form });
    expect(sent.status).toBe(201);
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [sent.body.receiptCode.replace(/-/g, '').slice(0, 8)]);
    return rows[0].tip_id;
  }

  async function inboxRow(tipId: string, token = discipline): Promise<any> {
    const r = await h.call('GET', '/tipline/tips?limit=500&includeRepeats=true', { token });
    return r.body.rows?.find((x: any) => x.tipId === tipId);
  }

  async function inInbox(tipId: string): Promise<void> {
    await waitFor(async () => !!(await inboxRow(tipId)), 30_000, `tip ${tipId} in the inbox`);
  }

  async function xlsxText(token: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${h.s.url}/tipline/tips/export.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) return { status: res.status, text: await res.text() };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const parts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.value)))));
    return { status: 200, text: parts.join('\n') };
  }

  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  describe('M5: who sees what of a tip', () => {
    it('gives org_dept figures only: the inbox, export, detail and evidence are 403, statistics answer', async () => {
      const inbox = await h.call('GET', '/tipline/tips', { token: orgDept });
      expect(inbox.status).toBe(403);
      expect(inbox.body.message).toContain('统计');
      expect(inbox.raw).not.toContain('甲某');
      expect((await xlsxText(orgDept)).status).toBe(403);
      const detail = await h.call('GET', `/tipline/tips/${tip.assigned}`, { token: orgDept });
      expect(detail.status).toBe(403);
      expect(detail.raw).not.toContain('甲某');
      expect((await h.call('GET', `/tipline/tips/${tip.assigned}/evidence/${evidenceOfAssigned}`, { token: orgDept })).status).toBe(403);
      const stats = await h.call('GET', `/tipline/tips/statistics?from=${today()}&to=${today()}&by=category`, { token: orgDept });
      expect(stats.status).toBe(200);
      expect(stats.body.total.received).toBeGreaterThanOrEqual(3);
      expect((await h.call('GET', '/tipline/tips/access', { token: orgDept })).body).toMatchObject({ list: 'none', statistics: true, reveal: null });
    });

    it('gives the township committee figures only, even of the tip assigned to its township’s unit (it supervises the accused)', async () => {
      // The attack path: a village cadre's tip goes to the township's unit, coded as the township itself.
      expect((await inboxRow(tip.assigned))?.unitCode).toBe(townshipNode);
      const inbox = await h.call('GET', '/tipline/tips?limit=500&includeRepeats=true', { token: township });
      expect(inbox.status).toBe(403);
      expect(inbox.body.message).toContain('统计');
      expect(inbox.raw).not.toMatch(/甲某|乙某|丙某/);
      for (const id of Object.values(tip)) {
        const d = await h.call('GET', `/tipline/tips/${id}`, { token: township });
        expect(d.status).toBe(403);
        expect(d.raw).not.toMatch(/甲某|乙某|丙某|内容甲|内容乙|内容丙/);
      }
      expect((await h.call('GET', `/tipline/tips/${tip.assigned}/evidence/${evidenceOfAssigned}`, { token: township })).status).toBe(403);
      expect((await h.call('GET', `/tipline/tips/${tip.unassigned}/evidence/${evidenceOfUnassigned}`, { token: township })).status).toBe(403);
      const xlsx = await xlsxText(township);
      expect(xlsx.status).toBe(403);
      expect(xlsx.text).not.toMatch(/甲某|乙某|丙某/);

      // Figures stay by scope: all three of its village's tips count.
      const stats = await h.call('GET', `/tipline/tips/statistics?from=${today()}&to=${today()}&by=township`, { token: township });
      expect(stats.status).toBe(200);
      expect(stats.body.total.received).toBeGreaterThanOrEqual(3);
      expect((await h.call('GET', '/tipline/tips/access', { token: township })).body).toMatchObject({ list: 'none', statistics: true, reveal: null });
    });

    it('shows the township’s discipline staff the content and evidence of the tip assigned to its unit, never the reporter', async () => {
      const row = await inboxRow(tip.assigned, disciplineTown);
      expect(row).toMatchObject({ tipId: tip.assigned });
      expect(row.subjects).toContain('甲某');
      const own = await h.call('GET', `/tipline/tips/${tip.assigned}`, { token: disciplineTown });
      expect(own.status).toBe(200);
      expect(own.body.text).toContain('内容甲');
      expect(own.raw).not.toContain(REPORTER.name);
      const file = await fetch(`${h.s.url}/tipline/tips/${tip.assigned}/evidence/${evidenceOfAssigned}`, { headers: { authorization: `Bearer ${disciplineTown}` } });
      expect(file.status).toBe(200);
      const xlsx = await xlsxText(disciplineTown);
      expect(xlsx.status).toBe(200);
      expect(xlsx.text).toContain('甲某');
      expect(xlsx.text).not.toContain(REPORTER.name);
    });

    it('keeps every staff GET route of the tip-line, as read from the router, to the access policy for each role', async () => {
      const routes = staffGetRoutes();
      expect(routes).toEqual(
        expect.arrayContaining(['/tipline/tips', '/tipline/tips/:id', '/tipline/tips/export.xlsx', '/tipline/tips/statistics', '/tipline/tips/:id/evidence/:sha256', '/tipline/tips/:id/reporter/requests']),
      );
      const FIGURES = new Set(['/tipline/tips/statistics', '/tipline/tips/access']);
      const query: Record<string, string> = { '/tipline/tips/statistics': `?from=${today()}&to=${today()}&by=category`, '/tipline/tips': '?limit=500&includeRepeats=true', '/tipline/tips/export.xlsx': '?includeRepeats=true' };
      const url = (route: string, id: string, sha: string) => route.replace(':id', id).replace(':sha256', sha).replace(/:[A-Za-z]+/g, '00000000-0000-0000-0000-000000000000') + (query[route] ?? '');
      const secrets = /甲某|内容甲|乙某|内容乙|丙某|内容丙/;
      for (const route of routes) {
        // The discipline commission of the county reads every one (the route's parameters are right).
        const own = await h.call('GET', url(route, tip.unassigned, evidenceOfUnassigned), { token: discipline });
        expect([route, own.status]).toEqual([route, 200]);
        // org_dept: figures only.
        const org = await h.call('GET', url(route, tip.unassigned, evidenceOfUnassigned), { token: orgDept });
        if (FIGURES.has(route)) expect([route, org.status]).toEqual([route, 200]);
        else expect([route, org.status]).toEqual([route, 403]);
        // The township committee: figures only, of every tip, the one assigned to its township's unit included.
        for (const [id, sha] of [[tip.assigned, evidenceOfAssigned], [tip.unassigned, evidenceOfUnassigned], [tip.county, evidenceOfUnassigned]]) {
          const t = await h.call('GET', url(route, id, sha), { token: township });
          if (FIGURES.has(route)) expect([route, t.status]).toEqual([route, 200]);
          else expect([route, t.status]).toEqual([route, 403]);
          expect([route, secrets.test(t.raw)]).toEqual([route, false]);
        }
        // A discipline official of another township: the tip is outside the subtree.
        if (route.includes(':id')) expect([route, (await h.call('GET', url(route, tip.unassigned, evidenceOfUnassigned), { token: disciplineElsewhere })).status]).toEqual([route, 404]);
      }
    });
  });

  describe('M7: a reveal needs a second official’s approval', () => {
    const reveal = (token: string, json: unknown = {}) => h.call('POST', `/tipline/tips/${tip.unassigned}/reporter`, { token, json });
    const identityReads = async () =>
      (await h.db.pool('tipline').query(`SELECT data, metadata FROM events WHERE stream_id = $1 AND type = 'ReporterIdentityRead'`, [`tip-${tip.unassigned}`])).rows;

    it('refuses a reveal without an approved request (403), decrypting and recording nothing', async () => {
      const r = await reveal(discipline, {});
      expect(r.status).toBe(403);
      expect(r.body.message).toContain('审批');
      expect(r.raw).not.toContain(REPORTER.name);
      expect(await identityReads()).toHaveLength(0);
    });

    it('takes a request with a real reason only, from the discipline role only, in scope only', async () => {
      const path = `/tipline/tips/${tip.unassigned}/reporter/requests`;
      expect((await h.call('POST', path, { token: discipline, json: { reason: '看看' } })).status).toBe(422);
      expect((await h.call('POST', path, { token: discipline, json: {} })).status).toBe(400);
      expect((await h.call('POST', path, { token: township, json: { reason: '核实需要联系举报人补充证据' } })).status).toBe(403);
      expect((await h.call('POST', path, { token: orgDept, json: { reason: '核实需要联系举报人补充证据' } })).status).toBe(403);
      const outside = await h.call('POST', path, { token: disciplineElsewhere, json: { reason: '核实需要联系举报人补充证据' } });
      expect([outside.status, outside.body.message]).toEqual([404, '该举报不存在或不在您的管辖范围内']);
      expect((await h.call('GET', path, { token: discipline })).body.requests).toEqual([]);
    });

    it('refuses approval by the requester (403, in Chinese); a second official approves; only the requester reveals, once; the audit row names the tip', async () => {
      const asked = await h.call('POST', `/tipline/tips/${tip.unassigned}/reporter/requests`, { token: discipline, json: { reason: '核实需要联系举报人补充证据' } });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ status: 'pending', mine: true, canDecide: false });
      const rid = asked.body.requestId;
      const approve = (token: string) => h.call('POST', `/tipline/tips/${tip.unassigned}/reporter/requests/${rid}/approve`, { token, json: {} });

      expect((await reveal(discipline, { requestId: rid })).status).toBe(403); // pending
      const self = await approve(discipline);
      expect(self.status).toBe(403);
      expect(self.body.message).toContain('不能审批本人提出的查看申请');
      expect((await approve(disciplineElsewhere)).status).toBe(404); // out of scope
      expect((await approve(township)).status).toBe(403);

      const seen = await h.call('GET', `/tipline/tips/${tip.unassigned}/reporter/requests`, { token: disciplineB });
      expect(seen.body.requests).toEqual([expect.objectContaining({ requestId: rid, status: 'pending', canDecide: true, reason: '核实需要联系举报人补充证据' })]);
      const ok = await approve(disciplineB);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', decidedBy: secondDisciplineId });
      expect((await approve(disciplineB)).status).toBe(409); // decided already

      const notMine = await reveal(disciplineB, { requestId: rid });
      expect(notMine.status).toBe(403);
      expect(notMine.raw).not.toContain(REPORTER.name);
      const shown = await reveal(discipline, { requestId: rid });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ name: REPORTER.name, phone: REPORTER.phone });
      expect(shown.headers.get('cache-control')).toContain('no-store');
      const again = await reveal(discipline, { requestId: rid });
      expect(again.status).toBe(403); // one reveal per approval
      expect(again.raw).not.toContain(REPORTER.name);

      const reads = await identityReads();
      expect(reads).toHaveLength(1);
      expect(reads[0].data).toMatchObject({ reason: '核实需要联系举报人补充证据', requestId: rid, approvedBy: secondDisciplineId });
      let audit: any[] = [];
      await waitFor(async () => {
        audit = (await h.db.pool('auth').query(`SELECT route, status, target FROM audit_log WHERE target = $1 ORDER BY id`, [tip.unassigned])).rows;
        return audit.some((r) => r.route.endsWith('/reporter') && r.status === 200);
      }, 10_000, 'audit row of the reveal');
      expect(audit.filter((r) => r.route.endsWith('/reporter')).map((r) => r.status)).toEqual([403, 403, 403, 200, 403]);
      expect(audit.some((r) => r.route.endsWith('/approve') && r.status === 200)).toBe(true);
    });

    it('lets a second official refuse; the refused request opens nothing', async () => {
      const asked = await h.call('POST', `/tipline/tips/${tip.assigned}/reporter/requests`, { token: disciplineB, json: { reason: '需向举报人核实具体时间地点' } });
      expect(asked.status).toBe(201);
      const refused = await h.call('POST', `/tipline/tips/${tip.assigned}/reporter/requests/${asked.body.requestId}/refuse`, { token: discipline, json: { reason: '无需掌握举报人身份即可核实' } });
      expect(refused.body).toMatchObject({ status: 'refused', refusalReason: '无需掌握举报人身份即可核实' });
      const r = await h.call('POST', `/tipline/tips/${tip.assigned}/reporter`, { token: disciplineB, json: {} });
      expect(r.status).toBe(403);
      expect(r.raw).not.toContain(REPORTER.name);
    });
  });

  /** The tip-line's staff GET routes as Nest registered them on the HTTP server (not a hand-kept list). */
  function staffGetRoutes(): string[] {
    const server = h.s.app.getHttpAdapter().getInstance() as { router?: { stack: any[] }; _router?: { stack: any[] } };
    const stack = (server.router ?? server._router)!.stack;
    const paths = stack.filter((l) => l.route?.methods?.get && typeof l.route.path === 'string').map((l) => l.route.path as string);
    return [...new Set(paths.filter((p) => p.startsWith('/tipline/tips')))].sort();
  }
});
