import type { Ctx } from './context';
import { NOMINATIONS } from '@lw/testing';
import { TIPPED } from './roster';

const base = (c: Ctx) => `/vetting/elections/${c.ids.electionId}/villages/${c.ids.village}`;

/** 4a. Nominees listed, reviewed, through joint review and on public notice (公示). */
export async function nominateToNotice(c: Ctx): Promise<void> {
  const { client, users, ids } = c;
  const roster = await c.until('the roster of the village', async () => {
    const r = await client.ok('GET', `/vetting/roster/villages/${ids.village}`, { token: users.org });
    return r.members?.length > 0 && new Map<string, string>(r.members.map((p: any) => [p.name, p.personId]));
  });
  for (const [nomineeId, name, body, post] of NOMINATIONS) {
    await client.ok('POST', `${base(c)}/nominees`, { token: users.township, json: { nomineeId, personId: roster.get(name), body, post } });
  }
  const reviewed = await client.ok('POST', `${base(c)}/review`, { token: users.township });
  const failed = (reviewed.nominees as any[]).filter((n) => n.status !== 'first_review_passed');
  if (failed.length) throw new Error(`first review refused ${JSON.stringify(failed.map((n) => [n.nomineeId, n.verdicts.filter((v: any) => v.kind !== 'pass')]))}`);
  for (const [nomineeId] of NOMINATIONS) {
    await client.ok('POST', `${base(c)}/nominees/${nomineeId}/joint-review`, { token: users.org, json: { departments: ['public_security'] } });
    await client.ok('POST', `${base(c)}/nominees/${nomineeId}/joint-review/public_security`, { token: users.police, json: { answer: 'pass' } });
  }
  const notice = await client.ok('POST', `${base(c)}/notice`, { token: users.org });
  const view = await c.villageView();
  c.log(`4. ${NOMINATIONS.length} nominees reviewed and jointly reviewed; notice ${view.notice.noticeId} until ${view.notice.endsOn} (stage ${notice.stage})`);
  // What a villager sees: the nominee listed under the running notice on the public page.
  await c.until('the notice on the public page', async () => {
    const listed = await client.ok('GET', `/tipline/public/notices?village=${c.ids.village}`);
    return (listed.rows as { name: string; endsOn: string }[]).some((r) => r.name === TIPPED.name && r.endsOn === view.notice.endsOn);
  });
}

/** 4b. A public tip naming one nominee (no login) ⇒ an objection at vetting that blocks confirmation from its receipt; discipline accepts it. */
export async function publicTipObjects(c: Ctx): Promise<void> {
  const { client, users, ids } = c;
  const sent = await client.ok('POST', '/tipline/public/tips', {
    json: { category: 'vote_buying', subjects: [{ kind: 'person', name: TIPPED.name, villageCode: ids.village }], text: `候选人${TIPPED.name}在公示期间送礼拉票。`, anonymous: true },
  });
  ids.receiptCode = sent.receiptCode;
  // Staff find the tip in their inbox: the only public tip on this village in the scenario.
  const row = await c.until('the tip in the discipline inbox', async () => {
    const r = await client.ok('GET', `/tipline/tips?village=${ids.village}&limit=500`, { token: users.discipline });
    return (r.rows as any[]).find((x) => x.channel === 'web' && x.category === 'vote_buying' && String(x.subjects).includes(TIPPED.name));
  });
  ids.tipId = row.tipId;
  if (!row.objection) throw new Error('the tip-line did not take the tip as an objection: the notice had not reached it');
  // A received objection blocks while the office has not decided on it; accepted (受理), until concluded.
  await c.until('the objection at vetting', async () => (await c.villageView()).openObjections === 1);
  await client.ok('POST', `/tipline/tips/${ids.tipId}/accept`, { token: users.discipline, json: {} });
  const refused = await client.call('POST', `${base(c)}/confirm`, { token: users.org });
  if (refused.status !== 409) throw new Error(`confirmation with an objection open answered ${refused.status}`);
  ids.confirmRefusal = { status: refused.status, message: String(refused.body?.message ?? '') };
  c.log(`4. public tip ${ids.tipId} is an objection; confirmation refused (${refused.status}: ${ids.confirmRefusal.message})`);
}

/** 5. Discipline concludes the tip substantiated ⇒ the nominee is disqualified; grievance opens a case for the tip. */
export async function concludeTip(c: Ctx): Promise<void> {
  const { client, users, ids } = c;
  const step = (path: string, json: unknown = {}) => client.ok('POST', `/tipline/tips/${ids.tipId}/${path}`, { token: users.discipline, json });
  await step('assign'); // accepted in 4b
  await step('conclude', { finding: 'substantiated', summary: '经核实，该候选人送礼拉票属实。', needsRectification: true });
  await c.until(`${TIPPED.name} disqualified, the objection concluded`, async () => {
    const v = await c.villageView();
    return v.openObjections === 0 && v.nominees.find((n: any) => n.nomineeId === TIPPED.nomineeId)?.status === 'disqualified';
  });
  ids.tipCaseId = await c.until('grievance to open the tip\'s case', async () => {
    const rows = (await client.ok('GET', '/grievance/ledger?source=tip&limit=500', { token: users.township })).rows as any[];
    return rows.find((r) => r.source?.ref === ids.tipId)?.caseId as string | undefined;
  });
  c.log(`5. tip concluded substantiated ⇒ ${TIPPED.name} disqualified; grievance case ${ids.tipCaseId} opened`);
}

/** 6. The tip's case closed ⇒ the tip-line records it; the handler tells the reporter, who reads it with the receipt code. */
export async function feedbackToReporter(c: Ctx): Promise<any> {
  const { client, users, ids } = c;
  await client.ok('POST', `/grievance/cases/${ids.tipCaseId}/apply`, { token: users.liaison, json: { evidence: '已对拉票行为进行批评教育，退还财物，附谈话记录。' } });
  await client.ok('POST', `/grievance/cases/${ids.tipCaseId}/close`, { token: users.township, json: { summary: '整改到位，同意销号。' } });
  await c.until('the tip-line to record the case closed', async () => {
    const d = await client.ok('GET', `/tipline/tips/${ids.tipId}`, { token: users.discipline });
    return (d.history as any[]).some((e) => e.type === 'RectificationClosed');
  });
  await client.ok('POST', `/tipline/tips/${ids.tipId}/messages`, { token: users.discipline, json: { kind: 'feedback', text: FEEDBACK } });
  await client.ok('POST', `/tipline/tips/${ids.tipId}/close`, { token: users.discipline });
  const seen = await client.ok('POST', '/tipline/public/receipts/lookup', { json: { code: ids.receiptCode } });
  c.log(`6. case closed ⇒ the reporter reads: ${seen.statusLabel}, ${seen.finding}, “${seen.messages.at(-1)?.text}”`);
  return seen;
}

export const FEEDBACK = '您反映的候选人送礼拉票问题经核实属实，已取消其候选人资格，相关问题已整改销号。';
