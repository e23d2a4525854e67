import { Vetting } from '@lw/vetting';
import { startHarness, waitFor, type TiplineHarness } from './test-harness';

// A village slate end to end in the embedded product, vetting and tip-line talking through their
// integration events: nomination → first review → joint review → notice → an objection from a public
// tip blocks confirmation → the tip is concluded → confirmation → gate → result → hand-over.
describe('vetting: a village slate end to end (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let org: string;
  let township: string;
  let police: string;
  let discipline: string;
  let village: string;

  beforeAll(async () => {
    h = await startHarness();
    [org, township, police, discipline] = await Promise.all(['org_dept', 'township', 'review_dept', 'discipline'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  const base = (eid: string) => `/vetting/elections/${eid}/villages/${village}`;
  const view = async (eid: string) => (await h.call('GET', base(eid), { token: org })).body;

  /** The notice-end job, as it runs once the notice's last day is over (the test cannot wait 5 working days). */
  async function noticeRunsOut(eid: string) {
    const vetting = h.s.kernels.find((k) => k.name === 'vetting')!.providers().map((p: any) => p.useValue).find((v) => v instanceof Vetting) as Vetting;
    await vetting.commands.run(`village-election-${eid}-${village}`, null, (s, c) => [{ type: 'NoticeEnded', data: { noticeId: s.notice!.noticeId, at: c.now.toISOString() } }]);
  }

  async function throughNotice(eid: string, name: string) {
    expect((await h.call('POST', '/vetting/elections', { token: org, json: { electionId: eid, villages: [{ villageCode: village, seats: { party: 3, committee: 3, supervision: 3 } }] } })).status).toBe(201);
    const nominate = (nomineeId: string, nm: string, post: string) =>
      h.call('POST', `${base(eid)}/nominees`, { token: township, json: { nomineeId, personId: `${eid}-${nomineeId}`, name: nm, post, body: 'party' } });
    expect((await nominate('n1', name, '书记')).status).toBe(201);
    expect((await nominate('n2', `${name}乙`, '委员')).status).toBe(201);
    expect((await h.call('POST', `${base(eid)}/nominees/n1/first-review`, { token: township, json: { decision: 'pass', reason: '符合任职条件' } })).status).toBe(200);
    expect((await h.call('POST', `${base(eid)}/nominees/n2/first-review`, { token: township, json: { decision: 'fail', reason: '三年内受过党内警告以上处分' } })).status).toBe(200);
    expect((await h.call('POST', `${base(eid)}/nominees/n2/joint-review`, { token: org, json: {} })).status).toBe(409);
    expect((await h.call('POST', `${base(eid)}/nominees/n1/joint-review`, { token: org, json: { departments: ['公安', '法院'] } })).status).toBe(200);
    // The police user answers for 公安 only.
    expect((await h.call('POST', `${base(eid)}/nominees/n1/joint-review/法院`, { token: police, json: { answer: 'pass' } })).status).toBe(404);
    expect((await h.call('POST', `${base(eid)}/nominees/n1/joint-review/公安`, { token: police, json: { answer: 'pass' } })).status).toBe(200);
    expect((await h.call('POST', `${base(eid)}/notice`, { token: org })).status).toBe(409); // 法院 has not answered
    expect((await h.call('POST', `${base(eid)}/nominees/n1/joint-review/法院`, { token: org, json: { answer: 'pass' } })).status).toBe(200);
    expect((await view(eid)).nominees.find((n: any) => n.nomineeId === 'n1').status).toBe('inspection_subject');
    expect((await h.call('POST', `${base(eid)}/notice`, { token: org })).status).toBe(200);
    // The tip-line hears of the notice and labels tips on the candidate as objections.
    await waitFor(async () => (await h.db.pool('tipline').query('SELECT 1 FROM public_notices WHERE notice_id = $1', [`notice-${eid}-${village}`])).rowCount === 1, 30_000, 'notice at the tip-line');
    const tip = await h.call('POST', '/tipline/public/tips', {
      json: { category: 'vote_buying', subjects: [{ kind: 'person', name, villageCode: village }], text: '该候选人送礼拉票。', anonymous: true },
    });
    expect(tip.status).toBe(201);
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [tip.body.receiptCode.replace(/-/g, '').slice(0, 8)]);
    await waitFor(async () => (await view(eid)).openObjections === 1, 30_000, 'objection at vetting');
    return rows[0].tip_id as string;
  }

  async function conclude(tipId: string, finding: string) {
    for (const p of ['accept', 'assign']) expect((await h.call('POST', `/tipline/tips/${tipId}/${p}`, { token: discipline, json: {} })).status).toBe(200);
    expect((await h.call('POST', `/tipline/tips/${tipId}/conclude`, { token: discipline, json: { finding, summary: '核查完毕' } })).status).toBe(200);
  }

  it('blocks confirmation while the objection is open, then confirms, records the result and hands over', async () => {
    const tipId = await throughNotice('e2026a', '钱甲');
    expect((await h.call('POST', `${base('e2026a')}/confirm`, { token: org })).status).toBe(409); // notice still running
    await noticeRunsOut('e2026a');
    const blocked = await h.call('POST', `${base('e2026a')}/confirm`, { token: org });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('异议尚未办结');
    await conclude(tipId, 'unsubstantiated');
    await waitFor(async () => (await view('e2026a')).openObjections === 0, 30_000, 'objection concluded at vetting');
    expect((await h.call('POST', `${base('e2026a')}/confirm`, { token: org })).status).toBe(200);
    const gated = await h.call('POST', `${base('e2026a')}/result`, { token: org, json: { elected: ['n1'] } });
    expect(gated.status).toBe(409);
    expect(gated.body.message).toContain('离任经济责任审计');
    expect((await h.call('PUT', `${base('e2026a')}/gate`, { token: org, json: { open: true, reasons: [] } })).status).toBe(200);
    expect((await h.call('POST', `${base('e2026a')}/result`, { token: org, json: { elected: ['n1'] } })).status).toBe(200);
    expect((await h.call('POST', `${base('e2026a')}/hand-over`, { token: township })).status).toBe(200);
    const v = await view('e2026a');
    expect(v.stage).toBe('handed_over');
    expect(v.nominees.find((n: any) => n.nomineeId === 'n1').status).toBe('elected');
    const outbox = await h.db.pool('vetting').query(`SELECT envelope->>'type' AS type FROM outbox ORDER BY id`);
    expect(outbox.rows.map((r) => r.type)).toEqual(
      expect.arrayContaining(['vetting.PublicNoticeStarted', 'vetting.PublicNoticeEnded', 'vetting.CandidatesConfirmed', 'vetting.VillageGateChanged', 'vetting.ResultRecorded']),
    );
  });

  it('disqualifies the nominee when the objection is substantiated, naming the tip', async () => {
    const tipId = await throughNotice('e2026b', '孙乙');
    await conclude(tipId, 'substantiated');
    await waitFor(async () => (await view('e2026b')).nominees.find((n: any) => n.nomineeId === 'n1').status === 'disqualified', 30_000, 'disqualified');
    const { rows } = await h.db.pool('vetting').query(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'vetting.NomineeDisqualified'`);
    expect(rows[0].envelope.payload).toMatchObject({ nomineeId: 'n1', tipId, name: '孙乙' });
  });

  it('keeps users inside their scope and validates input in Chinese', async () => {
    const other = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'bad', villages: [{ villageCode: '110101001001', seats: { party: 3, committee: 3, supervision: 3 } }] } });
    expect(other.status).toBe(422);
    const bad = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: 'x', villages: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/换届编号|至少选择一个村/);
    expect((await h.call('POST', '/vetting/elections', { token: township, json: { electionId: 'abc', villages: [] } })).status).toBe(403);
  });
});
