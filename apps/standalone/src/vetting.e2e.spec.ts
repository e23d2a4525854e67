import type { z } from 'zod';
import { newEnvelope } from '@lw/domain';
import * as views from '@lw/vetting/src/api/election-views.schemas';
import type { ServiceKernel } from '@lw/runtime';
import { ChaseJointReview, DEFAULT_PACK_DATA, EndNotice, FileAppointment } from '@lw/vetting';
import { citizenId, NOMINATIONS, rosterCsv, rosterUpload, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

/*
 * A village's election end to end in the embedded product, vetting, tip-line and (through its
 * integration events) auditing talking over the bus: the roster imported from a spreadsheet, an
 * election under a pack released as data, the rules engine's first review with an approval and a
 * re-evaluation when a record arrives, joint review, notice, an objection from a public tip, the
 * gate from the audit, result, filing and hand-over into the roster's new term.
 */
describe('vetting: a village election end to end (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let org: string;
  let township: string;
  let police: string;
  let discipline: string;
  let village: string;
  let vetting: ServiceKernel;
  const PACK = { ...DEFAULT_PACK_DATA, id: 'county2026', version: 1, name: '2026 年换届（县定）', cutOffDate: '2026-12-31' };

  beforeAll(async () => {
    h = await startHarness();
    [org, township, police, discipline] = await Promise.all(['org_dept', 'township', 'review_dept', 'discipline'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    vetting = h.s.kernels.find((k) => k.name === 'vetting')!;
    expect((await h.call('POST', '/vetting/policy-packs', { token: org, json: PACK })).status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  const id = (n: number, birth: string, female: boolean) => citizenId('320724', birth, n, female);

  /** The village's roster as a clerk's CSV; returns person ids by name. */
  async function importRoster(tag: string, rows: [name: string, birth: string, female: boolean, edu: string, status: string, joined: string, post: string][]) {
    const csv = rosterCsv(
      rows.map(([name, birth, female, education, politicalStatus, joined, post], i) => ({ village, name: `${name}${tag}`, citizenId: id(i + Number(tag.charCodeAt(0) % 50), birth, female), education, politicalStatus, joined, post })),
    );
    const r = await h.call('POST', '/vetting/roster/import', { token: township, form: rosterUpload(csv) });
    expect(r.status === 200 ? 200 : r.body).toBe(200);
    const roster = await h.call('GET', `/vetting/roster/villages/${village}`, { token: org });
    expect(roster.status).toBe(200);
    return new Map<string, string>(roster.body.members.map((p: any) => [p.name, p.personId]));
  }

  const base = (eid: string) => `/vetting/elections/${eid}/villages/${village}`;
  const view = async (eid: string) => (await h.call('GET', base(eid), { token: org })).body;
  const nominee = async (eid: string, nid: string) => (await view(eid)).nominees.find((n: any) => n.nomineeId === nid);

  /** A month on, as the job (or a later day) would run it: the test cannot wait 5 working days. */
  const later = () => new Date(Date.now() + 30 * 86_400_000);
  const stream = (eid: string) => `village-election-${eid}-${village}`;

  /** What the auditing service says of the engagement it planned for this village (as its events would). */
  async function audit(type: string, payload: Record<string, unknown>) {
    let engagementId = '';
    await waitFor(async () => {
      const { rows } = await h.db.pool('vetting').query('SELECT engagement_id FROM village_audits WHERE election_id = $1 AND village_code = $2', [payload.electionId, village]);
      engagementId = rows[0]?.engagement_id ?? '';
      return engagementId !== '';
    }, 30_000, 'the outgoing audit planned by auditing');
    const event = newEnvelope({ type, version: 1, producer: 'auditing', villageCode: village, actor: null, payload: { engagementId, villageCode: village, ...payload } });
    await h.tipline.bus.publish([event]);
  }

  async function publicTip(name: string) {
    const tip = await h.call('POST', '/tipline/public/tips', { json: { category: 'vote_buying', subjects: [{ kind: 'person', name, villageCode: village }], text: '该候选人送礼拉票。', anonymous: true } });
    expect(tip.status).toBe(201);
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [tip.body.receiptCode.replace(/-/g, '').slice(0, 8)]);
    return rows[0].tip_id as string;
  }

  async function conclude(tipId: string, finding: string, steps = ['accept', 'assign']) {
    for (const p of steps) expect((await h.call('POST', `/tipline/tips/${tipId}/${p}`, { token: discipline, json: {} })).status).toBe(200);
    expect((await h.call('POST', `/tipline/tips/${tipId}/conclude`, { token: discipline, json: { finding, summary: '核查完毕' } })).status).toBe(200);
  }

  /** Party: 书记 赵 (continuing, 56 at the cut-off), 钱 (woman), 孙 (31), 李, 周; committee: 赵 主任, 钱, 孙, 周. */
  async function openAndNominate(eid: string, tag: string) {
    const people = await importRoster(tag, [
      ['赵一', '1970-05-01', false, '大专', '中共党员', '1995-07-01', '村党组织书记、村委会主任'],
      ['钱二', '1990-01-01', true, '本科', '中共党员', '2015-07-01', '村委会委员'],
      ['孙三', '1995-06-01', false, '大专', '中共党员', '2019-07-01', '后备干部'],
      ['李四', '1980-01-01', false, '高中', '中共党员', '2005-07-01', '支部委员'],
      ['周五', '1985-03-01', false, '大专', '中共党员', '2010-07-01', '后备干部'],
    ]);
    const opened = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: eid, name: '2026 年换届', scope: village, policy: { id: 'county2026', version: 1 }, seats: { party: 3, committee: 3, supervision: 3 } } });
    expect(opened.status).toBe(201);
    for (const [nid, name, body, post] of NOMINATIONS) {
      const r = await h.call('POST', `${base(eid)}/nominees`, { token: township, json: { nomineeId: nid, personId: people.get(`${name}${tag}`), body, post } });
      expect(r.status === 201 ? 201 : r.body).toBe(201);
    }
    // Each step answers once the board has applied it (read-your-writes): no waiting for a poll.
    const board = await h.call('GET', `/vetting/elections/${eid}`, { token: org });
    expect(board.body.villages).toEqual([expect.objectContaining({ village_code: village, stage: 'nominating', nominees: NOMINATIONS.length })]);
    return people;
  }

  it('runs a village election from the roster to the new term, by the rules of the election\'s pack', async () => {
    const people = await openAndNominate('e2026a', 'A');
    // vetting.ElectionOpened names the outgoing heads for auditing (name and post, no id number).
    const { rows: opened } = await h.db.pool('vetting').query(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'vetting.ElectionOpened'`);
    expect(opened[0].envelope.payload.villages[0].outgoingHeads.map((x: any) => [x.name, x.post, x.since])).toEqual([['赵一A', '村党组织书记、村民委员会主任', '2021-01-15']]);
    expect(JSON.stringify(opened[0].envelope)).not.toMatch(/\d{17}[\dX]/);

    // First review by the engine: the continuing secretary is 56 at the cut-off ⇒ needs county approval.
    const reviewed = await h.call('POST', `${base('e2026a')}/review`, { token: township });
    expect(reviewed.status).toBe(200);
    const p1 = reviewed.body.nominees.find((n: any) => n.nomineeId === 'p1');
    expect(p1.status).toBe('first_review_failed');
    expect(p1.verdicts.find((v: any) => v.ruleId === 'secretary.continuing_age').kind).toBe('needs_approval');
    expect(reviewed.body.nominees.find((n: any) => n.nomineeId === 'c1').status).toBe('first_review_passed');
    // The township may not approve; the county organization department may.
    const approval = { ruleId: 'secretary.continuing_age', nomineeId: 'p1', reason: '县委组织部部务会研究同意（连任书记 56 周岁）' };
    expect((await h.call('POST', `${base('e2026a')}/approvals`, { token: township, json: approval })).status).toBe(403);
    const approved = await h.call('POST', `${base('e2026a')}/approvals`, { token: org, json: approval });
    expect(approved.status).toBe(201);
    expect(approved.body.nominee.status).toBe('first_review_passed');
    expect(approved.body.nominee.verdicts.find((v: any) => v.ruleId === 'secretary.continuing_age').kind).toBe('approved');

    // A record arrives for 李四 (撤销党内职务 a year ago): his review runs again by itself and blocks.
    expect((await nominee('e2026a', 'p4')).status).toBe('first_review_passed');
    const record = await h.call('POST', `/vetting/roster/persons/${people.get('李四A')}/records`, { token: org, json: { kind: '撤销党内职务', date: '2025-11-01', source: '县纪委〔2025〕12号' } });
    expect(record.status).toBe(201);
    await waitFor(async () => (await nominee('e2026a', 'p4')).status === 'first_review_failed', 30_000, 're-evaluation of 李四');
    expect((await nominee('e2026a', 'p4')).verdicts.find((v: any) => v.ruleId === 'negative.severe_sanction').kind).toBe('block');

    // The slate must be reviewed again before the notice; 4 party nominees remain for 3 seats (⌈3 × 1.2⌉ = 4).
    expect((await h.call('POST', `${base('e2026a')}/notice`, { token: org })).status).toBe(409);
    const slate = await h.call('POST', `${base('e2026a')}/review`, { token: township });
    expect(slate.body.slate.verdicts.find((v: any) => v.ruleId === 'slate.margin.party').kind).toBe('pass');

    // Joint review: the police answers for itself only; one department late, then answering.
    const running = ['p1', 'p2', 'p3', 'p5', 'c1', 'c2', 'c3', 'c4'];
    for (const nid of running) expect((await h.call('POST', `${base('e2026a')}/nominees/${nid}/joint-review`, { token: org, json: { departments: ['public_security', 'court'] } })).status).toBe(200);
    expect((await h.call('POST', `${base('e2026a')}/nominees/p1/joint-review/court`, { token: police, json: { answer: 'pass' } })).status).toBe(404);
    expect((await h.call('POST', `${base('e2026a')}/nominees/p1/joint-review/welfare`, { token: org, json: { answer: 'pass' } })).status).toBe(422);
    for (const nid of running) expect((await h.call('POST', `${base('e2026a')}/nominees/${nid}/joint-review/public_security`, { token: police, json: { answer: 'pass' } })).status).toBe(200);
    // Past the limit, the chase job names the court as late (what the job runs, a month on).
    await vetting.commandBus.execute(new ChaseJointReview(stream('e2026a'), 'p1', later()));
    const chased = (await vetting.store.readStream(`village-election-e2026a-${village}`)).filter((e) => e.type === 'JointReviewChased');
    expect(chased.map((e) => e.data.departments)).toEqual([['court']]);
    expect((await nominee('e2026a', 'p1')).jointReviewOverdue).toEqual(['court']);
    await waitFor(async () => (await h.call('GET', '/vetting/elections/e2026a', { token: org })).body.villages[0].joint_reviews_overdue === 1, 10_000, 'the board shows the late review');
    for (const nid of running) expect((await h.call('POST', `${base('e2026a')}/nominees/${nid}/joint-review/court`, { token: org, json: { answer: 'pass' } })).status).toBe(200);
    expect((await nominee('e2026a', 'p1')).status).toBe('inspection_subject');

    // Notice (the secretary's 5 working days), objections from public tips, confirmation once each is decided.
    expect((await h.call('POST', `${base('e2026a')}/notice`, { token: org })).status).toBe(200);
    await waitFor(async () => (await h.db.pool('tipline').query('SELECT 1 FROM public_notices WHERE notice_id = $1', [`notice-e2026a-${village}`])).rowCount === 1, 30_000, 'notice at the tip-line');
    expect((await view('e2026a')).openObjections).toBe(0);
    // Received, not yet accepted: it blocks already, so a late acceptance cannot let confirmation slip past it.
    const tipId = await publicTip('赵一A');
    await waitFor(async () => (await view('e2026a')).openObjections === 1, 30_000, 'objection at vetting on receipt');
    const declined = await publicTip('钱二A');
    await waitFor(async () => (await view('e2026a')).openObjections === 2, 30_000, 'second objection at vetting on receipt');
    await waitFor(async () => (await h.call('GET', '/vetting/elections/e2026a', { token: org })).body.villages[0].open_objections === 2, 10_000, 'the board counts objections received');
    expect((await h.call('POST', `${base('e2026a')}/confirm`, { token: org })).status).toBe(409); // notice still running
    await vetting.commandBus.execute(new EndNotice(stream('e2026a'), later()));
    const blocked = await h.call('POST', `${base('e2026a')}/confirm`, { token: org });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('2 件异议尚未办结');
    // The office declines one (不予受理): that one blocks no longer (L7), and disqualifies nobody.
    expect((await h.call('POST', `/tipline/tips/${declined}/not-accept`, { token: discipline, json: { reason: '反映内容不具体，无法核查' } })).status).toBe(200);
    await waitFor(async () => (await view('e2026a')).openObjections === 1, 30_000, 'declined objection lifted at vetting');
    expect((await nominee('e2026a', 'p2')).status).toBe('on_notice');
    // Accepted, the other blocks until concluded.
    expect((await h.call('POST', `/tipline/tips/${tipId}/accept`, { token: discipline, json: {} })).status).toBe(200);
    const stillBlocked = await h.call('POST', `${base('e2026a')}/confirm`, { token: org });
    expect([stillBlocked.status, stillBlocked.body.message]).toEqual([409, expect.stringContaining('1 件异议尚未办结')]);
    await conclude(tipId, 'unsubstantiated', ['assign']);
    await waitFor(async () => (await view('e2026a')).openObjections === 0, 30_000, 'objection concluded at vetting');
    expect((await h.call('POST', `${base('e2026a')}/confirm`, { token: org })).status).toBe(200);

    // The gate follows the audit: concluded with a serious finding, published, then rectified.
    const gated = await h.call('POST', `${base('e2026a')}/result`, { token: org, json: { elected: ['p1', 'p2', 'p3', 'c1', 'c2', 'c4'] } });
    expect(gated.status).toBe(409);
    expect(gated.body.message).toContain('离任经济责任审计尚未办结');
    const at = new Date().toISOString();
    await audit('auditing.FindingRecorded', {
      electionId: 'e2026a', findingId: 'f1', category: '白条入账', severity: 'serious', amount: '12000.00', rectificationRequired: true, violationSuspected: false,
      description: '白条入账', responsiblePersons: [{ name: '赵一A', post: '村党组织书记' }], recordedAt: at, amendment: null,
    });
    await audit('auditing.AuditConcluded', { electionId: 'e2026a', concludedAt: at, findings: 1, seriousOpen: 1 });
    await audit('auditing.AuditPublished', { electionId: 'e2026a', publishedAt: at, noticeEndsOn: '2026-12-31', seriousOpen: 1 });
    await waitFor(async () => (await view('e2026a')).gate.reasons.join() === '审计发现的 1 个严重问题尚未整改到位', 30_000, 'gate reasons from auditing');
    const board = await h.call('GET', `/vetting/elections/e2026a?gate=closed`, { token: org });
    await waitFor(async () => (await h.call('GET', `/vetting/elections/e2026a?gate=closed`, { token: org })).body.villages[0]?.gate_reasons?.[0]?.includes('严重问题') === true, 10_000, 'board');
    expect(board.status).toBe(200);
    await audit('auditing.FindingRectified', { electionId: 'e2026a', findingId: 'f1', severity: 'serious', rectifiedAt: at, caseId: 'g-1', seriousOpen: 0 });
    await waitFor(async () => (await view('e2026a')).gate.open === true, 30_000, 'gate open');

    expect((await h.call('POST', `${base('e2026a')}/result`, { token: org, json: { elected: ['p1', 'p2', 'p3', 'c1', 'c2', 'c4'] } })).status).toBe(200);
    expect((await h.call('POST', `${base('e2026a')}/hand-over`, { token: township })).status).toBe(409); // filing first
    expect((await h.call('POST', `${base('e2026a')}/filing-notice`, { token: org })).status).toBe(200);
    const early = await h.call('POST', `${base('e2026a')}/filing`, { token: org });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('任职备案公示');
    await vetting.commandBus.execute(new FileAppointment('e2026a', village, { userId: 'org_dept', roles: ['org_dept'], node: h.s.accounts.find((a) => a.username === 'org_dept')!.node }, later()));
    expect((await h.call('POST', `${base('e2026a')}/hand-over`, { token: township })).status).toBe(200);
    // One transaction moved the election and the roster: the answer came once both read models applied it.
    expect((await h.call('GET', '/vetting/elections/e2026a', { token: org })).body.villages[0].stage).toBe('handed_over');

    // The roster has moved to the new term: 赵一 一肩挑 again, 李四 off the party committee, 周五 on the committee.
    const r = (await h.call('GET', `/vetting/roster/villages/${village}`, { token: org })).body;
    const posts = (name: string) => (r.members.find((x: any) => x.personId === people.get(name))?.posts ?? []).filter((x: any) => x.body !== 'reserve').map((x: any) => `${x.body}:${x.post}`).sort();
    expect([posts('赵一A').join(), posts('李四A').join(), posts('周五A').join()]).toEqual(['committee:主任,party:书记', '', 'committee:委员']);
    const outbox = await h.db.pool('vetting').query(`SELECT DISTINCT envelope->>'type' AS type FROM outbox`);
    expect(outbox.rows.map((r) => r.type)).toEqual(
      expect.arrayContaining(['vetting.ElectionOpened', 'vetting.NomineeListed', 'vetting.PublicNoticeStarted', 'vetting.PublicNoticeEnded', 'vetting.CandidatesConfirmed', 'vetting.VillageGateChanged', 'vetting.ResultRecorded']),
    );
  });

  it('re-reviews every nomination of a person when a tip against them is concluded substantiated', async () => {
    // Another village of the same township (the first one's roster has moved to its new term).
    const first = village;
    const townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    village = vetting.platform.hierarchy.children(townshipNode).find((v) => v.code !== first)!.code;
    try {
      await openAndNominate('e2026b', 'B');
      expect((await h.call('POST', `${base('e2026b')}/review`, { token: township })).status).toBe(200);
      expect((await nominee('e2026b', 'p5')).status).toBe('first_review_passed');
      const tipId = await publicTip('周五B');
      await conclude(tipId, 'substantiated');
      await waitFor(async () => (await nominee('e2026b', 'p5')).status === 'first_review_failed', 30_000, 're-evaluation on the tip');
      // 周五 is nominated to both committees (交叉任职): both nominations are re-reviewed.
      expect((await nominee('e2026b', 'c4')).status).toBe('first_review_failed');
      const verdict = (await nominee('e2026b', 'p5')).verdicts.find((v: any) => v.kind === 'block');
      expect(verdict.ruleId).toBe('tip.substantiated');
      expect(JSON.stringify(verdict.evidence)).toContain(tipId);
    } finally {
      village = first;
    }
  });

  it('keeps users inside their scope and validates input in Chinese', async () => {
    const other = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'bad', name: '越界', scope: '110101', seats: { party: 3, committee: 3, supervision: 3 } } });
    // Outside one's area reads as unknown (404): nothing is told of other areas.
    expect(other.status).toBe(404);
    const bad = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'x', name: '', scope: village } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/换届编号|换届名称/);
    expect((await h.call('POST', '/vetting/elections', { token: township, json: { electionId: 'abc', name: 'x', scope: village } })).status).toBe(403);
    const seats = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'seats', name: '职数', scope: village, seats: { party: 9, committee: 3, supervision: 3 } } });
    expect(seats.status).toBe(422);
    expect(seats.body.message).toContain('职数');
    const pack = await h.call('POST', '/vetting/policy-packs', { token: org, json: { ...PACK, cutOffDate: '2026-02-30' } });
    expect(pack.status).toBe(422);
    expect(pack.body.message).toContain('截止日期');
    expect((await h.call('POST', '/vetting/policy-packs', { token: org, json: PACK })).status).toBe(409);
    const unknown = await h.call('POST', `${base('e2026a')}/nominees`, { token: township, json: { nomineeId: 'zz', personId: 'nobody', body: 'party', post: '委员' } });
    expect(unknown.status).toBe(422);
    // A person on another township's roster is, to this township, not on the roster: no name leaks.
    const county = vetting.platform.hierarchy;
    const townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    const elsewhere = county.children(county.get(townshipNode)!.parentCode!).find((t) => t.code !== townshipNode)!;
    const farVillage = county.children(elsewhere.code)[0].code;
    const form = rosterUpload(rosterCsv([{ village: farVillage, name: '郑远', citizenId: id(7, '1982-04-04', false), education: '大专', politicalStatus: '群众', joined: '', post: '后备干部' }]));
    expect((await h.call('POST', '/vetting/roster/import', { token: org, form })).status).toBe(200);
    const far = (await h.call('GET', `/vetting/roster/villages/${farVillage}`, { token: org })).body.members[0].personId;
    const leak = await h.call('POST', `${base('e2026a')}/nominees`, { token: township, json: { nomineeId: 'zz', personId: far, body: 'party', post: '委员' } });
    expect(leak.status).toBe(422);
    expect(leak.raw).not.toContain('郑远');
    // Reviewing a nominee who is not there answers 422 and writes nothing (not even the slate's review).
    expect((await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'e2026c', name: '补选', scope: village, seats: { party: 3, committee: 3, supervision: 3 } } })).status).toBe(201);
    const someone = (await h.call('GET', `/vetting/roster/villages/${village}`, { token: org })).body.members[0].personId;
    expect((await h.call('POST', `${base('e2026c')}/nominees`, { token: township, json: { nomineeId: 'n1', personId: someone, body: 'party', post: '委员' } })).status).toBe(201);
    const before = (await vetting.store.readStream(`village-election-e2026c-${village}`)).length;
    expect((await h.call('POST', `${base('e2026c')}/nominees/nobody/first-review`, { token: township, json: {} })).status).toBe(422);
    expect((await vetting.store.readStream(`village-election-e2026c-${village}`)).length).toBe(before);
    const wrongPost = await h.call('POST', `${base('e2026a')}/nominees`, { token: township, json: { nomineeId: 'zz', personId: 'nobody', body: 'party', post: '主任' } });
    expect(wrongPost.status).toBe(400);
  });

  it('describes the election and policy-pack routes in GET /vetting/openapi.json: summary, input and answer schemas', async () => {
    const r = await h.call('GET', '/vetting/openapi.json');
    expect(r.status).toBe(200);
    const paths: Record<string, Record<string, any>> = r.body.paths;
    const mine = Object.entries(paths).filter(([path]) => path.startsWith('/vetting/elections') || path.startsWith('/vetting/policy-packs'));
    const e = '/vetting/elections';
    const v = `${e}/{eid}/villages/{code}`;
    expect(mine.flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort()).toEqual(
      [
        `POST ${e}`,
        `GET ${e}`,
        `GET ${e}/{eid}`,
        `GET ${v}`,
        ...['nominees', 'nominees/{nid}/first-review', 'review', 'approvals', 'nominees/{nid}/joint-review', 'nominees/{nid}/joint-review/{dept}'].map((p) => `POST ${v}/${p}`),
        ...['notice', 'confirm', 'result', 'filing-notice', 'filing', 'hand-over'].map((p) => `POST ${v}/${p}`),
        'GET /vetting/policy-packs',
        'POST /vetting/policy-packs',
        'GET /vetting/policy-packs/{id}/{version}',
      ].sort(),
    );
    for (const [path, ops] of mine) {
      for (const [method, op] of Object.entries(ops)) {
        expect([path, method, typeof op.summary]).toEqual([path, method, 'string']);
        const success = op.responses['200'] ?? op.responses['201'];
        expect([path, method, Object.values(success.content ?? {}).map((c: any) => c.schema.type)]).toEqual([path, method, ['object']]);
      }
    }
    const body = (path: string) => paths[path].post.requestBody;
    expect(body(e).content['application/json'].schema.required).toEqual(expect.arrayContaining(['electionId', 'name', 'scope']));
    expect(body(e).content['application/json'].schema.properties.scope.pattern).toBe('^(?:\\d{6}|\\d{9}|\\d{12})$');
    expect(body(`${v}/nominees`).content['application/json'].schema.required).toEqual(expect.arrayContaining(['nomineeId', 'personId', 'body', 'post']));
    expect(body(`${v}/nominees/{nid}/first-review`).required).toBe(false);
    expect(body(`${v}/nominees/{nid}/joint-review/{dept}`).content['application/json'].schema.required).toContain('answer');
    expect(body('/vetting/policy-packs').content['application/json'].schema.required).toEqual(expect.arrayContaining(['id', 'version', 'cutOffDate']));
    expect(paths[e].get.parameters.map((p: any) => p.name).sort()).toEqual(['page', 'pageSize', 'village']);
    expect(paths[`${e}/{eid}`].get.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name).sort()).toEqual(['gate', 'page', 'pageSize', 'stage', 'village']);
    expect(paths[`${e}/{eid}`].get.responses['200'].content['application/json'].schema.properties.villages.items.required).toContain('gate_reasons');
    // The documented answers are the real ones: parsing keeps every field (an undocumented one would be stripped).
    const answers: [z.ZodType, string][] = [
      [views.electionListView, e],
      [views.electionListView, `${e}?village=${village}`],
      [views.electionBoardView, `${e}/e2026a`],
      [views.villageElectionView, base('e2026a')],
      [views.builtInPacksView, '/vetting/policy-packs'],
      [views.policyPackView, '/vetting/policy-packs/county2026/1'],
    ];
    for (const [schema, path] of answers) {
      const { status, body: answer } = await h.call('GET', path, { token: org });
      expect([path, status]).toEqual([path, 200]);
      expect([path, schema.parse(answer)]).toEqual([path, answer]);
    }
    expect((await h.call('GET', '/vetting/policy-packs/county2026/x', { token: org })).status).toBe(400);
  });
});
