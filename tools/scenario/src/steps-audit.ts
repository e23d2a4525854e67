import type { Ctx } from './context';
import { rosterUpload } from '@lw/testing';
import { villageRosterCsv } from './roster';

const SERIOUS_FINDING = {
  category: 'unreceipted_voucher',
  severity: 'serious',
  amount: '12000.10',
  description: '2023 年白条入账 12 笔',
  responsiblePersons: [{ name: '赵一', post: '村党组织书记' }],
  rectificationRequired: true,
};

/** 1. The township imports the roster; org_dept opens the election for the township ⇒ auditing plans every village's audit. */
export async function openElection(c: Ctx): Promise<void> {
  const { client, users, ids } = c;
  const imported = await client.ok('POST', '/vetting/roster/import', { token: users.township, form: rosterUpload(villageRosterCsv(ids.village)) });
  c.log(`1. roster imported for ${ids.village}: ${imported.message ?? JSON.stringify(imported)}`);
  await client.ok('POST', '/vetting/elections', {
    token: users.org,
    json: { electionId: ids.electionId, name: '2026 年村（社区）“两委”换届', scope: users.townshipNode, seats: { party: 3, committee: 3, supervision: 3 } },
  });
  // The board is a read model: it shows the election once its projection has run.
  const villages = await c.until('the election on the board', async () => {
    const r = await client.call('GET', `/vetting/elections/${ids.electionId}`, { token: users.org });
    return r.status === 200 && r.body.totals.villages > 0 && (r.body.totals.villages as number);
  });
  const planned = await c.until(`auditing to plan ${villages} outgoing audits`, async () => {
    const r = await client.ok('GET', `/auditing/engagements?electionId=${ids.electionId}&limit=500`, { token: users.auditor });
    return r.total === villages && r.total;
  });
  const engagement = await client.ok('GET', `/auditing/engagements/${ids.engagementId}`, { token: users.auditor });
  if (!JSON.stringify(engagement.persons).includes('赵一')) throw new Error(`the outgoing audit does not name the outgoing head: ${JSON.stringify(engagement.persons)}`);
  c.log(`1. election ${ids.electionId} opened for ${users.townshipNode}: ${villages} villages, ${planned} outgoing audits planned`);
}

/** 2. A serious finding, concluded and published ⇒ grievance opens its case; the gate stays closed naming it. */
export async function seriousFinding(c: Ctx): Promise<void> {
  const { client, users, ids } = c;
  const step = (path: string, json: unknown = {}) => client.ok('POST', `/auditing/engagements/${ids.engagementId}/${path}`, { token: users.auditor, json });
  await step('fieldwork', { auditors: ['县审计局 王审计'] });
  await step('findings', SERIOUS_FINDING);
  await step('draft');
  await step('conclude', { summary: '发现严重问题 1 个' });
  await step('publish');
  const gate = await c.until('the gate to name only the serious finding', async () => {
    const g = (await c.villageView()).gate;
    return g.reasons.join() === '审计发现的 1 个严重问题尚未整改到位' && g;
  });
  c.log(`2. audit concluded and published; gate ${gate.open ? 'open' : 'closed'}: ${gate.reasons.join('；')}`);
  ids.auditCaseId = await c.until('grievance to open the finding\'s case', async () => {
    const rows = (await client.ok('GET', '/grievance/ledger?source=audit&limit=500', { token: users.township })).rows as any[];
    return rows.find((r) => r.villageCode === ids.village && r.source?.ref?.startsWith(ids.engagementId))?.caseId as string | undefined;
  });
  c.log(`2. grievance case ${ids.auditCaseId} opened for the finding`);
}

/** 3. The liaison applies, the township closes ⇒ auditing marks the finding rectified ⇒ the gate opens. */
export async function rectifyFinding(c: Ctx): Promise<void> {
  const { client, users, ids } = c;
  await client.ok('POST', `/grievance/cases/${ids.auditCaseId}/apply`, { token: users.liaison, json: { evidence: '已追回并规范入账，附会计凭证。' } });
  await client.ok('POST', `/grievance/cases/${ids.auditCaseId}/close`, { token: users.township, json: { summary: '整改到位，同意销号。' } });
  await c.until('auditing to mark the finding rectified', async () => (await client.ok('GET', `/auditing/engagements/${ids.engagementId}`, { token: users.auditor })).seriousOpen === 0);
  await c.until('the gate to open', async () => (await c.villageView()).gate.open === true);
  c.log('3. case closed ⇒ finding rectified ⇒ gate open');
}
