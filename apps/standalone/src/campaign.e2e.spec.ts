import { caseIdForSource } from '@lw/grievance';
import { waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Inspection campaigns (issue 16) in the embedded product, over HTTP: a township runs a 届中分析
// (seed 002) from plan to report — plan, work group, dossiers saved section by section, review,
// 整改承诺书, problems into grievance's ledger and back closed, the report's figures from the
// dossiers — and bad input refused in Chinese with nothing written.
describe('vetting: inspection campaigns (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let township: string;
  let liaison: string;
  let townshipId: string;
  let townshipNode: string;
  /** The liaison's village (so the liaison can apply to close its case) and a second one. */
  let villageA: string;
  let villageB: string;
  /** A village of the township left out of the work group, and one of another township. */
  let notInCampaign: string;
  let otherTownshipVillage: string;
  let campaignId: string;

  beforeAll(async () => {
    h = await startHarness();
    [township, liaison] = await Promise.all(['township', 'liaison'].map((u) => h.login(u)));
    townshipId = (await h.call('GET', '/auth/me', { token: township })).body.id;
    townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    villageA = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const county = h.s.accounts.find((a) => a.username === 'org_dept')!.node;
    const hierarchy = h.s.kernels.find((k) => k.name === 'vetting')!.platform.hierarchy;
    const villages = hierarchy.descendants(county, { level: 'village' }).map((n) => n.code);
    const own = villages.filter((c) => c.startsWith(townshipNode) && c !== villageA);
    [villageB, notInCampaign] = own;
    otherTownshipVillage = villages.find((c) => !c.startsWith(townshipNode))!;
    expect([villageA, villageB, notInCampaign, otherTownshipVillage].every((c) => /^\d{12}$/.test(c))).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  const vetting = () => h.db.pool('vetting');
  const call = (method: string, path: string, json?: unknown, token = township) => h.call(method, `/vetting${path}`, { token, json });
  const dossier = (code: string) => `/campaigns/${campaignId}/dossiers/${code}`;
  const save = (code: string, section: string, content: unknown) => call('PUT', `${dossier(code)}/sections/${section}`, { content });
  /** What a refused request must leave untouched: the campaign's streams and the outbox. */
  const written = async () => {
    const events = await vetting().query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'campaign-%' OR stream_id LIKE 'dossier-%'`);
    const outbox = await vetting().query(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = 'vetting.CampaignProblemsAccepted'`);
    return { events: events.rows[0].n, outbox: outbox.rows[0].n };
  };

  // Seed 002: "召开党员群众代表会议*场次,谈心谈话*人次,发放并收回问卷调查表300余份,满意度测评表460余份,收集问题建议*条".
  const villageAContent = {
    talks: [
      { category: 'team_members', count: 7, notes: '与“两委”班子成员逐一谈心谈话' },
      { category: 'group_leaders', count: 5, notes: '' },
      { category: 'representatives', count: 12, notes: '' },
    ],
    meetings: [{ kind: '党员群众代表会议', count: 2, participants: 46 }],
    records: ['“三会一课”记录', '村务公开栏'],
    forms: [
      { kind: 'questionnaire', issued: 160, returned: 152, representatives: 100 },
      { kind: 'satisfaction', issued: 240, returned: 236, representatives: 150 },
    ],
    team: { grade: '好', reasons: '班子团结，履职有力。' },
    members: [
      { personId: null, name: '张明华', post: '党总支书记', grade: '好', reasons: '' },
      { personId: null, name: '王秀英', post: '村委会委员', grade: '正常', reasons: '' },
    ],
    classification: { classification: '平稳', weak: false, backward: false },
    problems: [
      { category: '后备干部', description: '后备干部储备不足，无成熟人选。', severity: 'general' },
      { category: '人居环境', description: '人居环境整治长效机制未建立。', severity: 'major' },
    ],
    running: '该村班子结构合理，运行平稳，带头人作用发挥明显。',
  };

  it('plans a 届中分析 for the township under the midterm pack and sets up a work group', async () => {
    const packs = await call('GET', '/campaign-packs');
    expect(packs.status).toBe(200);
    expect(packs.body.map((p: any) => p.id)).toEqual(expect.arrayContaining(['lookback-default', 'midterm-default', 'annual-default']));
    const pack = (await call('GET', '/campaign-packs/midterm-default/1')).body;
    // 002: "按照“好”“正常”“较差”三个档次对村(社区)领导班子及成员做出定性评价".
    expect(pack.village.teamScale.grades.map((g: any) => g.code)).toEqual(['好', '正常', '较差']);

    const planned = await call('POST', '/campaigns', {
      kind: 'midterm',
      name: '2026年村（社区）“两委”班子届中分析',
      scope: townshipNode,
      period: { from: '2026-11-01', to: '2027-01-31' },
      packId: 'midterm-default',
      stages: [{ name: '走访调研', from: '2026-11-01', to: '2026-11-30' }],
      methods: ['heart_talk', 'questionnaire', 'satisfaction'],
    });
    expect(planned.status).toBe(201);
    campaignId = planned.body.campaignId;

    const group = { name: '第一分析研判工作组', leader: { name: '李华', post: '镇党委副书记' }, members: [{ name: '赵强', post: '组织委员' }], villages: [villageA, villageB], townships: [] };
    expect((await call('PUT', `/campaigns/${campaignId}/groups/g1`, group)).status).toBe(200);
    const detail = await call('GET', `/campaigns/${campaignId}`);
    expect(detail.body).toMatchObject({ kind: 'midterm', kindLabel: '届中分析', scope: townshipNode, pack: { id: 'midterm-default', version: 1 } });
    expect(detail.body.groups[0].villageNames).toHaveLength(2);
    const list = await call('GET', '/campaigns?kind=midterm');
    expect(list.body.find((c: any) => c.campaignId === campaignId)).toMatchObject({ groups: 1, subjects: 2, approved: 0, status: 'open' });
    // A subject in a group but not opened yet: an empty draft, not 404.
    const empty = await call('GET', dossier(villageB));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ status: 'draft', statusLabel: '填写中', version: 0 });
  });

  it('writes nothing for a save identical to what the dossier holds (a retried autosave)', async () => {
    const content = villageAContent.talks;
    const first = await save(villageB, 'talks', content);
    expect(first.status).toBe(200);
    const before = await written();
    const again = await save(villageB, 'talks', content);
    expect([again.status, again.body.version]).toEqual([200, first.body.version]);
    // The same work group set again (the set-up form saved twice) changes nothing either.
    const detail = (await call('GET', `/campaigns/${campaignId}`)).body;
    const { groupId: _g, villageNames: _v, townshipNames: _t, ...group } = detail.groups[0];
    expect((await call('PUT', `/campaigns/${campaignId}/groups/g1`, group)).body.version).toBe(detail.version);
    expect(await written()).toEqual(before);
  });

  it('refuses bad input with 4xx in Chinese and writes nothing', async () => {
    const before = await written();
    const outside = await call('PUT', `/campaigns/${campaignId}/groups/g2`, { name: '第二组', leader: { name: '钱明', post: '副镇长' }, villages: [otherTownshipVillage] });
    expect([outside.status, outside.body.message]).toEqual([404, expect.stringContaining('不在您的管辖范围内')]);
    const cases: [string, unknown, number, string][] = [
      ['forms', [{ kind: 'questionnaire', issued: -1, returned: 0, representatives: 0 }], 422, '问卷调查表发放数应为 0 至 1000000 之间的整数'],
      ['forms', [{ kind: 'questionnaire', issued: 10, returned: 12, representatives: 0 }], 422, '收回数（12）不能多于发放数（10）'],
      ['team', { grade: '一般', reasons: '' }, 422, '班子评价等次“一般”'],
      ['members', [{ personId: null, name: '张明华', post: '书记', grade: '优秀', reasons: '' }], 422, '张明华的等次“优秀”'],
    ];
    for (const [section, content, status, message] of cases) {
      const r = await save(villageA, section, content);
      expect([section, r.status, r.body.message]).toEqual([section, status, expect.stringContaining(message)]);
    }
    for (const code of [notInCampaign, otherTownshipVillage]) {
      const r = await save(code, 'running', '某村情况。');
      expect([code, r.status]).toEqual([code, 404]);
      expect(r.body.message).toMatch(/不在本次检查的工作组范围内|不在您的管辖范围内/);
    }
    expect((await save(villageA, 'nope', [])).status).toBe(400);
    expect(await written()).toEqual(before);
  });

  it('keeps one file per village saved section by section, reviewed with a send-back, attributed', async () => {
    let version = 0;
    for (const [section, content] of Object.entries(villageAContent)) {
      const r = await save(villageA, section, content);
      expect([section, r.status]).toEqual([section, 200]);
      expect(r.body.version).toBeGreaterThan(version);
      version = r.body.version;
    }
    expect((await call('POST', `${dossier(villageA)}/submit`)).status).toBe(200);
    expect((await call('POST', `${dossier(villageA)}/return`, { reason: '' })).status).toBeGreaterThanOrEqual(400);
    const back = await call('POST', `${dossier(villageA)}/return`, { reason: '请补充群众反映情况。' });
    expect(back.status).toBe(200);
    expect((await call('GET', dossier(villageA))).body).toMatchObject({ status: 'draft', returnedReason: '请补充群众反映情况。' });
    expect((await save(villageA, 'findings', [{ dimension: 'public_opinion', text: '群众对班子总体满意。' }])).status).toBe(200);
    expect((await call('POST', `${dossier(villageA)}/submit`)).status).toBe(200);
    const approved = await call('POST', `${dossier(villageA)}/approve`, { comment: '同意。' });
    expect(approved.status).toBe(200);

    const view = (await call('GET', dossier(villageA))).body;
    expect(view).toMatchObject({ status: 'approved', statusLabel: '已审定', approved: { by: townshipId } });
    expect(view.problems.map((p: any) => [p.problemId, p.accepted, p.case])).toEqual([['p1', false, null], ['p2', false, null]]);

    // Edited after approval: 409, nothing written.
    const frozen = await written();
    const late = await save(villageA, 'running', '改写。');
    expect([late.status, late.body.message]).toEqual([409, expect.stringContaining('不能修改')]);
    expect(await written()).toEqual(frozen);

    const { rows } = await vetting().query(`SELECT type, metadata FROM events WHERE stream_id = $1 AND type = 'DossierApproved'`, [`dossier-${campaignId}-${villageA}`]);
    expect(rows.map((r) => r.metadata.actor.userId)).toEqual([townshipId]);

    // The second village, graded 正常, approved without problems.
    for (const [section, content] of Object.entries({
      talks: [{ category: 'team_members', count: 5, notes: '' }, { category: 'group_leaders', count: 3, notes: '' }, { category: 'representatives', count: 8, notes: '' }],
      forms: [{ kind: 'questionnaire', issued: 150, returned: 150, representatives: 90 }],
      team: { grade: '正常', reasons: '' },
      classification: { classification: '调整充实', weak: false, backward: false },
      running: '该村班子能正常运转，但带头人能力有待提高。',
    })) {
      expect([section, (await save(villageB, section, content)).status]).toEqual([section, 200]);
    }
    expect((await call('POST', `${dossier(villageB)}/submit`)).status).toBe(200);
    expect((await call('POST', `${dossier(villageB)}/approve`, { comment: '' })).status).toBe(200);
  });

  it('takes the 整改承诺书, opens a grievance case per accepted problem and shows its closing in the dossier', async () => {
    const feedback = await call('POST', `${dossier(villageA)}/feedback`, { letterNo: '新安镇委函〔2026〕12号' });
    expect(feedback.status).toBe(200);
    const commitments = ['p1', 'p2'].map((problemId) => ({ problemId, measures: '制定整改方案，逐项销号。', responsible: { name: '张明华', post: '党总支书记' }, deadline: '2027-03-31' }));
    expect((await call('PUT', `${dossier(villageA)}/commitments`, { commitments })).status).toBe(200);
    expect((await call('POST', `${dossier(villageA)}/accept`, { problemIds: ['p1', 'p2'] })).status).toBe(200);

    const { rows } = await vetting().query(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'vetting.CampaignProblemsAccepted' AND envelope->'payload'->>'campaignId' = $1`, [campaignId]);
    expect(rows).toHaveLength(1);
    const payload = rows[0].envelope.payload;
    expect(payload).toMatchObject({ kind: 'midterm', villageCode: villageA, subject: { kind: 'village', code: villageA } });
    expect(payload.problems.map((p: any) => [p.problemId, p.deadline, p.responsible.name])).toEqual([['p1', '2027-03-31', '张明华'], ['p2', '2027-03-31', '张明华']]);
    for (const privateBit of ['王秀英', '正常', 'members', 'talks']) expect(JSON.stringify(payload)).not.toContain(privateBit);

    // Grievance opens the cases, source = the campaign and village (届中分析 → analysis).
    const caseId = caseIdForSource('analysis', `campaign:${campaignId}:${villageA}:p1`);
    let row: any;
    await waitFor(async () => {
      const r = await h.call('GET', '/grievance/ledger?source=analysis&limit=500', { token: township });
      row = r.body.rows?.find((x: any) => x.caseId === caseId);
      return !!row;
    }, 30_000, 'campaign case in the ledger');
    expect(row.source).toMatchObject({ kind: 'analysis', ref: `campaign:${campaignId}:${villageA}:p1` });
    // The 整改承诺书 becomes the case's own measures, responsible person and limit, not text in its description.
    expect(row).toMatchObject({ measures: '制定整改方案，逐项销号。', responsiblePerson: { name: '张明华', post: '党总支书记' }, deadline: { due: '2027-03-31' } });

    expect((await h.call('POST', `/grievance/cases/${caseId}/apply`, { token: liaison, json: { evidence: '后备干部已确定2名培养对象。' } })).status).toBe(200);
    expect((await h.call('POST', `/grievance/cases/${caseId}/close`, { token: township, json: { summary: '整改到位，同意销号。' } })).status).toBe(200);
    let view: any;
    await waitFor(async () => {
      view = (await call('GET', dossier(villageA))).body;
      return !!view.problems?.[0]?.case;
    }, 30_000, 'problem closed in the dossier');
    expect(view.problems[0]).toMatchObject({ problemId: 'p1', accepted: true, case: { caseId } });
    expect(view.problems[1]).toMatchObject({ problemId: 'p2', accepted: true, case: null });

    const docx = await h.call('GET', `/vetting${dossier(villageA)}/feedback.docx`, { token: township });
    expect(docx.status).toBe(200);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('freezes a report version whose figures equal what the dossiers hold', async () => {
    // Grievance's closing reaches the read model through the projection, a moment after the dossier's stream.
    let figures: any;
    await waitFor(async () => (figures = (await call('GET', `/campaigns/${campaignId}/figures`)).body).problems?.closed === 1, 10_000, 'closed problem in the figures');
    expect(figures).toMatchObject({
      approvedOnly: true,
      subjects: { assigned: 2, approved: 2 },
      talks: { total: 24 + 16 },
      meetings: { count: 2, participants: 46 },
      questionnaires: { issued: 310, returned: 302, representatives: 190 },
      satisfaction: { issued: 240, returned: 236, representatives: 150 },
      problems: { found: 2, accepted: 2, closed: 1 },
    });
    const grades = Object.fromEntries(figures.villageTeams.teamGrades.map((t: any) => [t.code, t.count]));
    expect(grades).toEqual({ 好: 1, 正常: 1, 较差: 0 });
    const board = (await call('GET', `/campaigns/${campaignId}/board`)).body;
    expect(board.approvedOnly).toBe(false);

    const frozen = await call('POST', `/campaigns/${campaignId}/reports`);
    expect([frozen.status, frozen.body]).toEqual([201, { version: 1 }]);
    const versions = (await call('GET', `/campaigns/${campaignId}/reports`)).body;
    expect(versions).toEqual([{ version: 1, at: expect.any(String), by: townshipId, byName: expect.any(String) }]);
    const draft = (await call('GET', `/campaigns/${campaignId}/reports/1`)).body;
    const text = JSON.stringify(draft);
    expect(text).toContain('谈心谈话40人次');
    expect(text).toContain('发放问卷调查表310份');
    expect(text).toContain(villageAContent.running);
    const docx = await h.call('GET', `/vetting/campaigns/${campaignId}/reports/1/docx`, { token: township });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
  });
  it('describes every campaign route in GET /vetting/openapi.json: summary, input and answer schemas', async () => {
    const paths: Record<string, Record<string, any>> = (await h.call('GET', '/vetting/openapi.json')).body.paths;
    const c = '/vetting/campaigns/{campaignId}';
    const d = `${c}/dossiers/{subjectCode}`;
    const mine = Object.entries(paths).filter(([path]) => path.startsWith('/vetting/campaign'));
    expect(mine.flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort()).toEqual(
      [
        'GET /vetting/campaign-packs',
        'POST /vetting/campaign-packs',
        'GET /vetting/campaign-packs/{id}/{version}',
        'POST /vetting/campaigns',
        'GET /vetting/campaigns',
        `GET ${c}`,
        `PUT ${c}/plan`,
        `PUT ${c}/groups/{groupId}`,
        `DELETE ${c}/groups/{groupId}`,
        `POST ${c}/close`,
        `GET ${c}/dossiers`,
        `GET ${c}/board`,
        `GET ${c}/figures`,
        `POST ${c}/reports`,
        `GET ${c}/reports`,
        `GET ${c}/reports/{version}`,
        `GET ${c}/reports/{version}/docx`,
        `GET ${d}`,
        `PUT ${d}/sections/{section}`,
        ...['submit', 'approve', 'return', 'feedback', 'accept'].map((x) => `POST ${d}/${x}`),
        `GET ${d}/feedback.docx`,
        `PUT ${d}/commitments`,
      ].sort(),
    );
    const bodiless = new Set([`${c}/close`, `${c}/reports`, `${d}/submit`]);
    for (const [path, ops] of mine) {
      for (const [method, op] of Object.entries(ops)) {
        expect([path, method, typeof op.summary]).toEqual([path, method, 'string']);
        const success = op.responses['200'] ?? op.responses['201'];
        expect([path, method, Object.values(success.content ?? {}).map((x: any) => Boolean(x.schema.type ?? x.schema.anyOf))]).toEqual([path, method, [true]]);
        if ((method === 'post' || method === 'put') && !bodiless.has(path)) expect([path, method, Object.keys(op.requestBody?.content ?? {}).length > 0]).toEqual([path, method, true]);
      }
    }
  });
  it('takes a second pack version posted as data and plans under it, without code', async () => {
    const org = await h.login('org_dept');
    const current = (await call('GET', '/campaign-packs/midterm-default/1')).body;
    const second = { ...current, version: 2, name: '届中分析方案（第二版）', thresholds: { representativeShareMin: 0.7 } };
    expect((await call('POST', '/campaign-packs', second)).status).toBe(403); // a township does not post packs
    const bad = await call('POST', '/campaign-packs', { ...second, thresholds: { representativeShareMin: 1.5 } }, org);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect((await call('POST', '/campaign-packs', second, org)).status).toBe(201);
    expect((await call('POST', '/campaign-packs', second, org)).status).toBe(409); // a released version never changes
    expect((await call('GET', '/campaign-packs')).body).toEqual(expect.arrayContaining([{ id: 'midterm-default', version: 2, name: '届中分析方案（第二版）', kind: 'midterm' }]));
    const planned = await call('POST', '/campaigns', {
      kind: 'midterm',
      name: '按第二版方案的届中分析',
      scope: townshipNode,
      period: { from: '2026-11-01', to: '2027-01-31' },
      packId: 'midterm-default',
      methods: ['heart_talk'],
      previousCampaignId: campaignId,
    });
    expect([planned.status, planned.body.message]).toEqual([201, undefined]);
    const detail = (await call('GET', `/campaigns/${planned.body.campaignId}`)).body;
    expect(detail).toMatchObject({ pack: { id: 'midterm-default', version: 2, thresholds: { representativeShareMin: 0.7 } }, previousCampaignId: campaignId });
  });
});
