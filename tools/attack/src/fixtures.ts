import { citizenId, eventually, rosterCsv, rosterUpload } from '@lw/testing';
import type { CallOptions } from './http';
import type { AttackProduct } from './product';

/** A request that succeeded while the fixtures were built: a valid body for its route. */
export interface Seed {
  method: string;
  path: string;
  opts: CallOptions;
}

/** Ids of objects that belong to township A, to fill path parameters with. */
export interface Fixtures {
  village: string;
  electionId: string;
  nomineeId: string;
  dept: string;
  personId: string;
  recordId: string;
  investigationId: string;
  tipId: string;
  taskId: string;
  requestId: string;
  evidenceSha256: string;
  caseId: string;
  milestoneId: string;
  engagementId: string;
  findingId: string;
  period: string;
  campaignId: string;
  /** Strings only township A's data contains: ids and names a reader outside it must never see. */
  markers: string[];
  seeds: Seed[];
}

const PEOPLE = [
  { name: '甄攻防', birth: '1975-05-01', female: false, education: '大专', joined: '1995-07-01', post: '村党组织书记、村委会主任' },
  { name: '贾试探', birth: '1990-01-01', female: true, education: '本科', joined: '2015-07-01', post: '村委会委员' },
];

/**
 * Objects of every kind in township A's first village, made through the API as its users make them:
 * a roster with records, an election with a nominee under joint review, an assessment, a public and
 * a registered tip with a task and an evidence file, a case with a milestone, a 三资 engagement in
 * fieldwork with a finding. Every successful request is kept as the seed body of its route.
 */
export async function buildFixtures(p: Pick<AttackProduct, 'ok' | 'call' | 'pool' | 'users' | 'townshipA'>): Promise<Fixtures> {
  const seeds: Seed[] = [];
  const u = p.users.inScope;
  const ok = async (method: string, path: string, opts: CallOptions = {}) => {
    const body = await p.ok(method, path, opts);
    seeds.push({ method, path, opts });
    return body;
  };
  const village = p.townshipA.villages[0];
  const county = village.slice(0, 6);

  // Roster.
  const csv = rosterCsv(PEOPLE.map((x, i) => ({ village, name: x.name, citizenId: citizenId(county, x.birth, 31 + i, x.female), education: x.education, joined: x.joined, post: x.post })));
  await ok('POST', '/vetting/roster/import', { token: u.township, form: rosterUpload(csv) });
  const members = await eventually('the roster of the village', async () => {
    const r = await p.ok('GET', `/vetting/roster/villages/${village}`, { token: u.org_dept });
    return r.members?.length >= 2 && (r.members as { name: string; personId: string }[]);
  });
  const personId = members.find((m) => m.name === PEOPLE[0].name)!.personId;
  const other = members.find((m) => m.name === PEOPLE[1].name)!.personId;
  await ok('GET', `/vetting/roster/persons/${personId}`, { token: u.org_dept });
  const recordId = 'attack-r1';
  await ok('POST', `/vetting/roster/persons/${personId}/records`, { token: u.township, json: { recordId, kind: '党内警告', date: '2019-03-01', endsOn: '2019-09-01', source: '镇纪委' } });
  await ok('POST', `/vetting/roster/persons/${personId}/appraisals`, { token: u.township, json: { year: 2024, grade: '称职' } });
  await ok('POST', `/vetting/roster/persons/${personId}/relatives`, { token: u.township, json: { relativeId: other, kind: '同事' } }).catch(() => undefined);
  await ok('POST', `/vetting/roster/persons/${personId}/roles`, { token: u.township, json: { role: '报账员', villageCode: village, since: '2022-01-01' } });
  const investigationId = 'attack-i1';
  await ok('POST', `/vetting/roster/persons/${personId}/investigations`, { token: u.township, json: { investigationId, since: '2025-01-01', source: '信访' } });

  // Election, nominee, joint review.
  const electionId = `attack${Date.now().toString(36)}`;
  await ok('POST', '/vetting/elections', {
    token: u.org_dept,
    json: { electionId, name: '换届演练', scope: p.townshipA.code, seats: { party: 3, committee: 3, supervision: 3 } },
  });
  await eventually('the election on the board', async () => (await p.call('GET', `/vetting/elections/${electionId}`, { token: u.org_dept })).status === 200);
  const nomineeId = 'p1';
  // The nominee has a clean record (the other person carries the records), so the review passes.
  await ok('POST', `/vetting/elections/${electionId}/villages/${village}/nominees`, { token: u.township, json: { nomineeId, personId: other, body: 'party', post: '委员' } });
  await ok('POST', `/vetting/elections/${electionId}/villages/${village}/nominees/${nomineeId}/first-review`, { token: u.township, json: { decision: 'pass', reason: '符合条件' } });
  await ok('POST', `/vetting/elections/${electionId}/villages/${village}/nominees/${nomineeId}/joint-review`, { token: u.org_dept, json: { departments: ['public_security'] } });

  // Assessment.
  const period = '2025';
  await ok('POST', '/vetting/assessments', {
    token: u.township,
    json: {
      villageCode: village,
      period,
      teamGrade: '好',
      memberGrades: [{ personId, name: PEOPLE[0].name, grade: '称职' }],
      turnout: { invited: 50, returned: 30, representatives: 18 },
      classification: '平稳',
      weak: false,
      problems: [{ category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'general' }],
    },
  });

  // Tips: one from the public (with evidence), one registered by the clerk.
  const tipForm = new FormData();
  tipForm.append('tip', JSON.stringify({ category: 'collective_funds', subjects: [{ kind: 'person', name: '甄被举', post: '村委会委员', villageCode: village }], text: '攻防测试：挪用集体资金。', anonymous: false, reporter: { name: '攻防举报人', phone: '13900001111' } }));
  tipForm.append('evidence', new Blob(['攻防测试证据：收据照片说明。'], { type: 'text/plain' }), '说明.txt');
  const sent = await ok('POST', '/tipline/public/tips', { form: tipForm });
  const locator = String(sent.receiptCode).replace(/-/g, '').slice(0, 8);
  const tipId = (await p.pool.query<{ tip_id: string }>('SELECT tip_id FROM tipline.receipts WHERE locator = $1', [locator])).rows[0].tip_id;
  await ok('POST', '/tipline/public/receipts/lookup', { json: { code: sent.receiptCode } });
  const registered = await ok('POST', '/tipline/tips', {
    token: u.discipline,
    json: { channel: 'phone', category: 'collective_funds', subjects: [{ kind: 'person', name: '甄另案', villageCode: village }], text: '攻防测试：电话举报。', anonymous: true },
  });
  const tipDetail = await eventually('the tip in the read model', async () => {
    const r = await p.call('GET', `/tipline/tips/${tipId}`, { token: u.discipline });
    return r.status === 200 && r.body;
  });
  const evidenceSha256 = String(JSON.stringify(tipDetail).match(/[0-9a-f]{64}/)?.[0] ?? '');
  await ok('POST', `/tipline/tips/${tipId}/accept`, { token: u.discipline, json: {} });
  await ok('POST', `/tipline/tips/${tipId}/assign`, { token: u.discipline, json: {} });
  const withTask = await ok('POST', `/tipline/tips/${tipId}/tasks`, { token: u.discipline, json: { title: '调取账目', dueOn: '2026-12-31' } });
  const taskId = String(JSON.stringify(withTask).match(/"taskId":"([^"]+)"/)?.[1] ?? (await findTaskId(p, tipId, u.discipline)));
  await ok('POST', `/tipline/tips/${tipId}/notes`, { token: u.discipline, json: { text: '已约谈会计。' } });
  // A request to see the reporter (M7: a second official approves it), where the API has one.
  const asked = await p.call('POST', `/tipline/tips/${tipId}/reporter/requests`, { token: u.discipline, json: { reason: '核实举报人身份以便回访' } });
  if (asked.status === 201) seeds.push({ method: 'POST', path: `/tipline/tips/${tipId}/reporter/requests`, opts: { token: u.discipline, json: { reason: '核实举报人身份以便回访' } } });
  const requestId = String(asked.body?.requestId ?? '');

  // Grievance case with a milestone, and the village's liaison.
  await ok('PUT', `/grievance/liaisons/${village}`, { token: u.township, json: { name: '周联村', post: '镇党委副书记' } });
  const opened = await ok('POST', '/grievance/cases', {
    token: u.township,
    json: {
      villageCode: village,
      source: 'inspection',
      category: '村务公开',
      severity: 'major',
      description: '攻防测试：村务公开栏未按季度更新。',
      measures: '按季度公开财务收支。',
      workingDays: 15,
      milestones: [{ title: '公开第三季度账目' }],
    },
  });
  const caseId = opened.caseId as string;
  const caseDetail = await ok('GET', `/grievance/cases/${caseId}`, { token: u.township });
  const milestoneId = String(caseDetail.milestones?.[0]?.milestoneId ?? caseDetail.milestones?.[0]?.id ?? 'm1');
  await ok('POST', `/grievance/cases/${caseId}/progress`, { token: u.liaison, json: { text: '已召开两委会。' } });

  // 三资 engagement in fieldwork with a finding.
  const engagement = await ok('POST', '/auditing/engagements', {
    token: u.auditor,
    json: { villageCode: village, persons: [{ name: PEOPLE[0].name, post: '村党组织书记' }], periodFrom: '2023-01-01', periodTo: '2025-12-31', auditors: ['县审计局 攻防'] },
  });
  const engagementId = engagement.engagementId as string;
  await ok('POST', `/auditing/engagements/${engagementId}/fieldwork`, { token: u.auditor, json: { auditors: ['县审计局 攻防'] } });
  const finding = await ok('POST', `/auditing/engagements/${engagementId}/findings`, {
    token: u.auditor,
    json: {
      category: 'misappropriation',
      severity: 'general',
      amount: '10.50',
      description: '攻防测试：挪用集体资金用于招待',
      responsiblePersons: [{ name: PEOPLE[0].name, post: '党支部书记' }],
      evidence: [{ fileName: '记账凭证.pdf', sha256: 'b'.repeat(64) }],
      rectificationRequired: true,
    },
  });
  const findingId = finding.findingId as string;

  // An inspection campaign (届中分析) of township A: a work group with the village, its dossier
  // approved, the feedback letter, one problem accepted into rectification, a report version.
  const campaign = await ok('POST', '/vetting/campaigns', {
    token: u.township,
    json: { kind: 'midterm', name: '攻防测试届中分析', scope: p.townshipA.code, period: { from: '2026-11-01', to: '2027-01-31' }, packId: 'midterm-default', stages: [], methods: ['heart_talk'] },
  });
  const campaignId = campaign.campaignId as string;
  const dossierPath = `/vetting/campaigns/${campaignId}/dossiers/${village}`;
  await ok('PUT', `/vetting/campaigns/${campaignId}/groups/g1`, { token: u.township, json: { name: '攻防测试工作组', leader: { name: '甄组长', post: '镇党委副书记' }, members: [], villages: [village], townships: [] } });
  await ok('PUT', `${dossierPath}/sections/team`, { token: u.township, json: { content: { grade: '好', reasons: '攻防测试：班子团结。' } } });
  await ok('PUT', `${dossierPath}/sections/classification`, { token: u.township, json: { content: { classification: '平稳', weak: false, backward: false } } });
  await ok('PUT', `${dossierPath}/sections/problems`, { token: u.township, json: { content: [{ category: '集体经济', description: '攻防测试：集体经济收入单一。', severity: 'general' }] } });
  await ok('PUT', `/vetting/campaigns/${campaignId}/plan`, { token: u.township, json: { stages: [{ name: '走访调研', from: '2026-11-01', to: '2026-11-30' }], methods: ['heart_talk'] } });
  await ok('POST', `${dossierPath}/submit`, { token: u.township, json: {} });
  await ok('POST', `${dossierPath}/return`, { token: u.township, json: { reason: '攻防测试：请补充。' } });
  await ok('POST', `${dossierPath}/submit`, { token: u.township, json: {} });
  await ok('POST', `${dossierPath}/approve`, { token: u.township, json: { comment: '同意。' } });
  await ok('POST', `${dossierPath}/feedback`, { token: u.township, json: { letterNo: '攻防测试〔2026〕1号' } });
  await ok('PUT', `${dossierPath}/commitments`, { token: u.township, json: { commitments: [{ problemId: 'p1', measures: '拓展收入来源。', responsible: { name: '甄攻防', post: '村党组织书记' }, deadline: '2027-06-30' }] } });
  await ok('POST', `${dossierPath}/accept`, { token: u.township, json: { problemIds: ['p1'] } });
  await ok('POST', `/vetting/campaigns/${campaignId}/reports`, { token: u.township, json: {} });

  const markers = [tipId, String(registered.tipId ?? ''), caseId, engagementId, personId, other, electionId, campaignId, '攻防测试届中分析', ...PEOPLE.map((x) => x.name), '甄被举', '甄另案', '攻防测试'].filter(Boolean);
  return {
    village,
    electionId,
    nomineeId,
    dept: 'public_security',
    personId,
    recordId,
    investigationId,
    tipId,
    taskId,
    requestId,
    evidenceSha256,
    caseId,
    milestoneId,
    engagementId,
    findingId,
    period,
    campaignId,
    markers,
    seeds,
  };
}

async function findTaskId(p: Pick<AttackProduct, 'ok'>, tipId: string, token: string): Promise<string> {
  const d = await p.ok('GET', `/tipline/tips/${tipId}`, { token });
  return String(JSON.stringify(d).match(/"taskId":"([^"]+)"/)?.[1] ?? 't1');
}

/**
 * The value of a path parameter: the id of township A's object of that kind. A parameter this map
 * does not know fails the suite, so a new route cannot be attacked with a made-up id by accident.
 */
export function paramValue(f: Fixtures, path: string, param: string): string | undefined {
  const byName: Record<string, string> = {
    eid: f.electionId,
    code: f.village,
    villageCode: f.village,
    nid: f.nomineeId,
    dept: f.dept,
    rid: f.recordId,
    iid: f.investigationId,
    taskId: f.taskId,
    requestId: f.requestId,
    sha256: f.evidenceSha256,
    mid: f.milestoneId,
    fid: f.findingId,
    period: f.period,
    campaignId: f.campaignId,
    groupId: 'g1',
    subjectCode: f.village,
    section: 'running',
    version: '1',
    year: '2027',
  };
  if (param !== 'id') return byName[param];
  if (path.startsWith('/vetting/roster/persons/')) return f.personId;
  if (path.startsWith('/vetting/policy-packs/')) return 'default';
  if (path.startsWith('/vetting/campaign-packs/')) return 'midterm-default';
  if (path.startsWith('/tipline/tips/')) return f.tipId;
  if (path.startsWith('/grievance/cases/')) return f.caseId;
  if (path.startsWith('/auditing/engagements/')) return f.engagementId;
  return undefined;
}

/** The route's template with every parameter filled from the fixtures (undefined if one is unknown). */
export function fillPath(f: Fixtures, template: string): { path: string; unknown: string[] } {
  const unknown: string[] = [];
  const path = template.replace(/:(\w+)/g, (_m, name: string) => {
    const v = paramValue(f, template, name);
    if (v === undefined) unknown.push(name);
    return encodeURIComponent(v ?? 'x');
  });
  return { path, unknown };
}

/** A seed body for the route (the last request that succeeded on it), matched by template. */
export function seedFor(f: Fixtures, method: string, template: string): Seed | undefined {
  const re = new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '[^/]+')}(\\?.*)?$`);
  return [...f.seeds].reverse().find((s) => s.method === method && re.test(s.path));
}
