import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Input that once hung or broke the product (issue 14: H3, L1, L2), sent as an attacker would:
// far dates, control characters, repeated query parameters, impossible dates. Every request gets a
// 4xx with a Chinese message, nothing is written, and the product keeps answering.
describe('input bounds (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let township: string;
  let discipline: string;
  let auditor: string;
  let org: string;
  let village: string;
  let townshipNode: string;

  beforeAll(async () => {
    h = await startHarness();
    [township, discipline, auditor, org] = await Promise.all(['township', 'discipline', 'auditor', 'org_dept'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  /** Events and outbox rows of a service: "nothing written" means neither moved. */
  const written = async (service: string) => {
    const db = h.db.pool(service, 1);
    const n = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return { events: await n('events'), outbox: await n('outbox') };
  };
  const expect400 = (r: { status: number; body: any }) => {
    expect({ status: r.status, zh: /[\u4e00-\u9fa5]/.test(String(r.body?.message)) }).toEqual({ status: 400, zh: true });
  };

  const caseBody = (over: Record<string, unknown> = {}) => ({
    villageCode: village,
    source: 'inspection',
    category: '村务公开',
    severity: 'major',
    description: '“回头看”发现村务公开栏未按季度更新。',
    measures: '按季度公开财务收支，建立公开台账。',
    ...over,
  });

  it('refuses far dates on every date a grievance request carries, and the ledger and health keep answering', async () => {
    const before = await written('grievance');
    const far = await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ due: '9999-12-31' }) });
    expect400(far);
    expect(far.body.message).toContain('2100-12-31');
    expect400(await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ workingDays: 15, startOn: '0001-01-01' }) }));
    expect400(await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ workingDays: 15, milestones: [{ title: '公开', dueOn: '9999-12-31' }] }) }));
    expect400(await h.call('GET', '/grievance/ledger/statistics?from=0001-01-01&to=9999-12-31', { token: township }));
    expect(await written('grievance')).toEqual(before);

    const opened = await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ workingDays: 15 }) });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId;
    expect400(await h.call('POST', `/grievance/cases/${caseId}/deadline`, { token: discipline, json: { reason: '延期', due: '9999-12-31' } }));

    // The farthest date allowed is accepted and computed at once, beyond the holiday data.
    const farthest = await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ due: '2100-12-31' }) });
    expect(farthest.status).toBe(201);
    let row: any;
    await waitFor(async () => {
      const r = await h.call('GET', '/grievance/ledger?limit=500', { token: township });
      row = r.body.rows?.find((x: any) => x.caseId === farthest.body.caseId);
      return !!row;
    }, 30_000, 'the far case in the ledger');
    expect(row.deadline).toMatchObject({ due: '2100-12-31', beyondHorizon: true });
    expect(row.deadline.workingDaysLeft).toBeGreaterThan(15_000);
    expect((await h.call('GET', '/grievance/health')).status).toBe(200);
    expect((await h.call('GET', '/tipline/health')).status).toBe(200);
  });

  it('refuses far dates in the other services\' requests', async () => {
    expect400(await h.call('GET', '/tipline/tips/statistics?from=2026-01-01&to=9999-12-31', { token: discipline }));
    const letter = { channel: 'letter', category: 'inaction', subjects: [{ kind: 'village', villageCode: village }], text: '来信', anonymous: true };
    const tiplineBefore = await written('tipline');
    expect400(await h.call('POST', '/tipline/tips', { token: township, json: { ...letter, receivedAt: '9999-12-31T23:00:00-08:00' } }));
    expect(await written('tipline')).toEqual(tiplineBefore);
    expect400(await h.call('GET', '/auditing/summary?from=0001-01-01&to=2026-01-01', { token: org }));
    const engagement = { villageCode: village, persons: [], periodFrom: '2024-01-01', periodTo: '9999-12-31', auditors: [] };
    expect400(await h.call('POST', '/auditing/engagements', { token: auditor, json: engagement }));
    expect400(await h.call('GET', `/vetting/targets?scope=${townshipNode}&before=9999-12-31`, { token: township }));
    expect400(await h.call('GET', `/vetting/roster/basic-situation?scope=${townshipNode}&date=9999-12-31&lastElectionDate=2021-01-01`, { token: township }));
  });

  it('refuses an impossible or far asOf on the hierarchy endpoints', async () => {
    for (const asOf of ['2026-02-30', '9999-12-31', '2026-2-1']) {
      expect400(await h.call('GET', `/hierarchy/nodes/${townshipNode}?asOf=${asOf}`, { token: township }));
      expect400(await h.call('GET', `/hierarchy/nodes/${townshipNode}/children?asOf=${asOf}`, { token: township }));
    }
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await h.call('GET', `/hierarchy/nodes/${townshipNode}?asOf=${today}`, { token: township })).status).toBe(200);
  });

  it('refuses a repeated query parameter with 400, not 500', async () => {
    expect400(await h.call('GET', '/hierarchy/search?q=a&q=b', { token: township }));
    expect400(await h.call('GET', `/hierarchy/nodes/${townshipNode}?asOf=2026-01-01&asOf=2026-01-02`, { token: township }));
    expect400(await h.call('GET', '/grievance/ledger?category=a&category=b', { token: township }));
    expect400(await h.call('GET', '/tipline/tips?status=received&status=accepted', { token: discipline }));
    expect400(await h.call('GET', '/hierarchy/search?q[x]=a', { token: township }));
    expect((await h.call('GET', '/hierarchy/search?q=xa', { token: township })).status).toBe(200);
  });

  it('refuses NUL and other control characters in a public tip and a receipt reply, writing nothing', async () => {
    const tip = {
      category: 'collective_funds',
      subjects: [{ kind: 'village', villageCode: village }],
      text: '村委会挪用集体土地补偿款。\u0000',
      anonymous: true,
    };
    const before = await written('tipline');
    expect400(await h.call('POST', '/tipline/public/tips', { json: tip }));
    const form = new FormData();
    form.set('tip', JSON.stringify({ ...tip, text: '村委会挪用\u0001集体土地补偿款。' }));
    expect400(await h.call('POST', '/tipline/public/tips', { form }));
    expect400(await h.call('POST', '/tipline/public/tips', { json: { ...tip, text: '正文', subjects: [{ kind: 'person', name: '王\u0000某' }] } }));
    expect(await written('tipline')).toEqual(before);

    const sent = await h.call('POST', '/tipline/public/tips', { json: { ...tip, text: '村委会挪用集体土地补偿款。\t第二段\n完' } });
    expect(sent.status).toBe(201);
    const afterTip = await written('tipline');
    const reply = await h.call('POST', '/tipline/public/receipts/reply', { json: { code: sent.body.receiptCode, text: '补充\u0000材料' } });
    expect400(reply);
    expect(JSON.stringify(reply.body)).not.toContain(sent.body.receiptCode);
    expect(await written('tipline')).toEqual(afterTip);
  });

  it('refuses control characters in route parameters and staff bodies', async () => {
    expect400(await h.call('GET', '/grievance/cases/%00', { token: township }));
    expect400(await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ workingDays: 15, description: '问题\u0000描述' }) }));
    expect400(await h.call('POST', '/grievance/cases', { token: township, json: caseBody({ workingDays: 15, ['key\u0000']: 1 }) }));
  });

  it('refuses a control character in an audit finding, and the Word report stays readable', async () => {
    const opened = await h.call('POST', '/auditing/engagements', { token: auditor, json: { villageCode: village, persons: [{ name: '孙会计', post: '报账员' }], periodFrom: '2024-01-01', periodTo: '2025-12-31', auditors: ['县农经站 郑审计'] } });
    expect(opened.status).toBe(201);
    const id = opened.body.engagementId;
    expect((await h.call('POST', `/auditing/engagements/${id}/fieldwork`, { token: auditor, json: { auditors: ['县农经站 郑审计'] } })).status).toBe(200);
    const finding = { category: 'misappropriation', severity: 'general', amount: '12.50', description: '挪用集体资金\u0001用于招待', responsiblePersons: [{ name: '孙会计' }], rectificationRequired: true };
    const before = await written('auditing');
    expect400(await h.call('POST', `/auditing/engagements/${id}/findings`, { token: auditor, json: finding }));
    expect(await written('auditing')).toEqual(before);
    expect((await h.call('POST', `/auditing/engagements/${id}/findings`, { token: auditor, json: { ...finding, description: '挪用集体资金用于招待' } })).status).toBe(201);

    const docx = await h.call('GET', `/auditing/engagements/${id}/report.docx`, { token: auditor });
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    const errors: string[] = [];
    const parser = new SaxesParser();
    parser.on('error', (e) => errors.push(e.message));
    parser.write(xml).close();
    expect(errors).toEqual([]);
    expect(xml).toContain('挪用集体资金用于招待');
  });
});
