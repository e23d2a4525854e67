import { citizenId, rosterCsv, rosterUpload, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

/*
 * Vetting, auditing and grievance through their integration events, each driven over HTTP as its
 * users would: an election opened ⇒ auditing plans the village's outgoing audit; a serious finding
 * concluded and published ⇒ vetting's gate stays closed naming it, and grievance opens a case; the
 * case closed ⇒ auditing marks the finding rectified ⇒ the gate opens.
 */
describe('across services: an audit finding gates the election until its case is closed', () => {
  let h: TiplineHarness;
  let org: string;
  let auditor: string;
  let township: string;
  let liaison: string;
  let village: string;

  beforeAll(async () => {
    h = await startHarness();
    [org, auditor, township, liaison] = await Promise.all(['org_dept', 'auditor', 'township', 'liaison'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  const gate = async () => (await h.call('GET', `/vetting/elections/e2026x/villages/${village}`, { token: org })).body.gate;

  it('closes the gate on a serious finding and opens it when the finding\'s case is closed', async () => {
    const form = rosterUpload(rosterCsv([{ village, name: '吴书记', citizenId: citizenId('320724', '1968-02-01', 1), education: '大专', joined: '1990-07-01', post: '村党组织书记、村委会主任' }]));
    expect((await h.call('POST', '/vetting/roster/import', { token: township, form })).status).toBe(200);
    const opened = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'e2026x', name: '2026 年换届', scope: village, seats: { party: 3, committee: 3, supervision: 3 } } });
    expect(opened.status).toBe(201);
    expect(await gate()).toEqual({ open: false, reasons: ['离任经济责任审计尚未办结'] });

    // Auditing planned the outgoing audit of the heads vetting named.
    const engagementId = `outgoing-e2026x-${village}`;
    await waitFor(async () => (await h.call('GET', `/auditing/engagements/${engagementId}`, { token: auditor })).status === 200, 30_000, 'audit planned');
    const engagement = (await h.call('GET', `/auditing/engagements/${engagementId}`, { token: auditor })).body;
    expect(JSON.stringify(engagement)).toContain('吴书记');
    // One person holding both posts (一肩挑) is one head to audit.
    const { rows: planned } = await h.db.pool('auditing').query(`SELECT envelope->'payload'->'persons' AS p FROM outbox WHERE envelope->>'type' = 'auditing.AuditPlanned'`);
    expect(planned[0].p).toEqual([{ name: '吴书记', post: '村党组织书记、村民委员会主任' }]);

    const step = async (path: string, json: unknown = {}) => {
      const r = await h.call('POST', `/auditing/engagements/${engagementId}/${path}`, { token: auditor, json });
      expect(r.status === 200 || r.status === 201 ? 'ok' : r.body).toBe('ok');
      return r.body;
    };
    await step('fieldwork', { auditors: ['县审计局 王审计'] });
    await step('findings', { category: 'unreceipted_voucher', severity: 'serious', amount: '12000.10', description: '2023 年白条入账 12 笔', responsiblePersons: [{ name: '吴书记', post: '村党组织书记' }], rectificationRequired: true });
    await step('draft');
    await step('conclude', { summary: '发现严重问题 1 个' });
    await waitFor(async () => (await gate()).reasons.join() === '离任经济责任审计结果尚未公示,审计发现的 1 个严重问题尚未整改到位', 30_000, 'gate: concluded, not published');
    await step('publish');
    await waitFor(async () => (await gate()).reasons.join() === '审计发现的 1 个严重问题尚未整改到位', 30_000, 'gate: serious finding open');

    // Grievance opened the case for the finding; the liaison applies, the township closes it.
    let caseId = '';
    let category = '';
    await waitFor(async () => {
      const rows = (await h.call('GET', '/grievance/ledger?source=audit&limit=50', { token: township })).body.rows ?? [];
      const row = rows.find((r: any) => r.villageCode === village);
      [caseId, category] = [row?.caseId ?? '', row?.category ?? ''];
      return caseId !== '';
    }, 30_000, 'grievance case for the finding');
    expect(category).toBe('白条入账'); // the category's name, as every reader of the ledger (a liaison too) understands it
    expect((await h.call('POST', `/grievance/cases/${caseId}/apply`, { token: liaison, json: { evidence: '已追回并规范入账，附会计凭证。' } })).status).toBe(200);
    expect((await h.call('POST', `/grievance/cases/${caseId}/close`, { token: township, json: { summary: '整改到位，同意销号。' } })).status).toBe(200);

    await waitFor(async () => (await gate()).open === true, 30_000, 'gate open after the case closed');
    const { rows } = await h.db.pool('auditing').query(`SELECT envelope->'payload' AS p FROM outbox WHERE envelope->>'type' = 'auditing.FindingRectified'`);
    expect(rows.map((r) => r.p)).toEqual([expect.objectContaining({ engagementId, seriousOpen: 0, caseId })]);
  });
});
