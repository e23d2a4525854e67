import { type LocalDate } from '@lw/domain';
import { RecordPerson, StartHolding } from '@lw/vetting/src/application/roster/roster.commands';
import { RosterProjector } from '@lw/vetting/src/infrastructure/roster/roster-runtime';
import { citizenId, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Assessments (研判 / 民主测评) and county targets in the embedded product, over HTTP as the demo
// organisation department and township users: scope, validation, the outbox, corrections.
describe('vetting: assessments and county targets (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let org: string;
  let township: string;
  let orgId: string;
  let townshipId: string;
  let county: string;
  let townshipNode: string;
  let ownVillages: string[];
  let otherVillages: string[];

  beforeAll(async () => {
    h = await startHarness();
    [org, township] = await Promise.all(['org_dept', 'township'].map((u) => h.login(u)));
    orgId = (await h.call('GET', '/auth/me', { token: org })).body.id;
    townshipId = (await h.call('GET', '/auth/me', { token: township })).body.id;
    county = h.s.accounts.find((a) => a.username === 'org_dept')!.node;
    townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    const hierarchy = h.s.kernels.find((k) => k.name === 'vetting')!.platform.hierarchy;
    const villages = hierarchy.descendants(county, { level: 'village' }).map((n) => n.code);
    ownVillages = villages.filter((c) => c.startsWith(townshipNode)).slice(0, 4);
    otherVillages = villages.filter((c) => !c.startsWith(townshipNode)).slice(0, 2);
    expect(ownVillages).toHaveLength(4);
    expect(otherVillages).toHaveLength(2);
  }, 180_000);

  /** The roster's command bus and projection, to seed persons and posts through the roster's own commands. */
  const rosterOf = () => {
    const vetting = h.s.kernels.find((k) => k.name === 'vetting')!;
    return { commands: vetting.commandBus, projector: (vetting.providers().find((p: any) => p.provide === RosterProjector) as any).useValue as RosterProjector };
  };

  /** The summary once it counts `assessed` assessments. */
  const settled = async (token: string, query: string, assessed: number) => {
    let last: Awaited<ReturnType<TiplineHarness['call']>> | undefined;
    await waitFor(async () => (last = await h.call('GET', `/vetting/assessments/summary${query}`, { token })).body?.assessed === assessed, 10_000, `summary ${query}`);
    return last!;
  };

  afterAll(async () => {
    await h?.stop();
  });

  const vetting = () => h.db.pool('vetting');
  const body = (villageCode: string, o: Record<string, unknown> = {}) => ({
    villageCode,
    period: '2025',
    teamGrade: '好',
    memberGrades: [
      { personId: `${villageCode}-p1`, name: '张明华', grade: '优秀' },
      { personId: `${villageCode}-p2`, name: '王秀英', grade: '称职' },
    ],
    // 30 of 50 questionnaires back, 18 of the 30 answered by 群众代表: exactly 60 % of respondents.
    turnout: { invited: 50, returned: 30, representatives: 18 },
    classification: '平稳',
    weak: false,
    problems: [{ category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'general' }],
    ...o,
  });
  const record = (token: string, b: unknown) => h.call('POST', '/vetting/assessments', { token, json: b });
  /** What a refused request must leave untouched: the assessment streams and the outbox. */
  const written = async () => {
    const events = await vetting().query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'assessment-%'`);
    const outbox = await vetting().query(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = 'vetting.AssessmentRecorded'`);
    return { events: events.rows[0].n, outbox: outbox.rows[0].n };
  };

  it('records assessments and lists them by subtree, period, classification and weak flag', async () => {
    const mine = await record(township, body(ownVillages[0]));
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ assessmentId: `${ownVillages[0]}-2025-1`, revision: 1, valid: true, by: townshipId, year: 2025 });
    expect((await record(org, body(otherVillages[0], { classification: '难点', weak: true, teamGrade: '较差' }))).status).toBe(201);
    expect((await record(org, body(ownVillages[1], { period: '2024', classification: '调整充实' }))).status).toBe(201);

    const list = async (token: string, query: string) => {
      const r = await h.call('GET', `/vetting/assessments${query}`, { token });
      expect(r.status).toBe(200);
      return r.body.items.map((a: any) => `${a.villageCode}/${a.period}`).sort();
    };
    // Each record answers once the read model has applied it (Projector.waitPast), though read-all
    // holds an event back while any older transaction in the cluster is open: no waiting here.
    expect(await list(org, `?scope=${county}`)).toHaveLength(3);
    expect(await list(township, '')).toEqual([`${ownVillages[0]}/2025`, `${ownVillages[1]}/2024`].sort());
    expect(await list(org, `?scope=${county}&period=2025`)).toEqual([`${ownVillages[0]}/2025`, `${otherVillages[0]}/2025`].sort());
    expect(await list(org, '?weak=true')).toEqual([`${otherVillages[0]}/2025`]);
    expect(await list(org, `?classification=${encodeURIComponent('调整充实')}`)).toEqual([`${ownVillages[1]}/2024`]);

    const scales = await h.call('GET', '/vetting/assessments/scales', { token: township });
    expect(scales.body.items.map((x: any) => [x.id, x.teamGrades.join('/'), x.minRepresentativePercent])).toEqual([['default', '好/一般/较差', 60], ['evaluation', '先进/一般/后进', 60]]);
    const summary = await settled(org, '?period=2025', 2);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ assessed: 2, valid: 2, classification: { 平稳: 1, 难点: 1, 调整充实: 0 }, weak: { count: 1, villages: [otherVillages[0]] }, memberGrades: { 优秀: 2, 称职: 2 } });
  });

  it('answers not found for a village or scope of another township, and writes nothing', async () => {
    const before = await written();
    const outside = await record(township, body(otherVillages[1]));
    expect(outside.status).toBe(404);
    expect(outside.body.message).toContain('不在您的管辖范围内');
    expect((await h.call('GET', `/vetting/assessments/villages/${otherVillages[0]}`, { token: township })).status).toBe(404);
    expect((await h.call('GET', `/vetting/assessments?scope=${otherVillages[0].slice(0, 9)}`, { token: township })).status).toBe(404);
    expect((await h.call('GET', `/vetting/assessments/summary?period=2025&scope=${county}`, { token: township })).status).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('refuses bad input with 4xx in Chinese and writes nothing', async () => {
    const before = await written();
    const cases: [unknown, number, string][] = [
      [body(ownVillages[2], { period: '25' }), 400, '测评期次'],
      [body(ownVillages[2], { turnout: { invited: 50, returned: 51, representatives: 30 } }), 422, '收回问卷数（51）不能多于发放数（50）'],
      [body(ownVillages[2], { turnout: { invited: 50, returned: 30, representatives: 31 } }), 422, '群众代表填写份数（31）不能多于收回问卷数（30）'],
      [body(ownVillages[2], { turnout: { invited: 50, returned: 30 } }), 400, '群众代表填写份数'],
      [body(ownVillages[2], { teamGrade: '先进' }), 422, '班子评价“先进”不在本测评等次'],
      [body(ownVillages[2], { memberGrades: [{ personId: 'x', name: '李四', grade: '良好' }] }), 422, '李四：等次“良好”'],
      [body(ownVillages[2], { weak: true }), 422, '软弱涣散村不能归为“平稳”村'],
      [body(ownVillages[2], { memberGrades: [] }), 400, '请至少填写一名班子成员'],
      [body(ownVillages[2], { scaleId: 'nope' }), 422, '测评等次方案“nope”不存在'],
      [body('110101001001'), 404, '不存在或不在您的管辖范围内'],
      [{ ...body(ownVillages[2]), extra: 1 }, 400, ''],
      [body(ownVillages[0]), 409, '已有有效测评记录'], // recorded in the first test: changing it takes a correction
    ];
    for (const [b, status, message] of cases) {
      const r = await record(township, b);
      expect([r.status, r.body.message]).toEqual([status, expect.stringContaining(message)]);
    }
    expect(await written()).toEqual(before);
  });

  it('puts vetting.AssessmentRecorded in the outbox with its problems and no personal data', async () => {
    const r = await record(org, body(ownVillages[2], { problems: [
      { category: '财务管理', description: '白条入账，账目未按月公开。', severity: 'serious' },
      { category: '组织生活', description: '“三会一课”记录不全。', severity: 'general' },
    ] }));
    expect(r.status).toBe(201);
    const { rows } = await vetting().query(`SELECT envelope, partition_key FROM outbox WHERE envelope->>'type' = 'vetting.AssessmentRecorded' AND envelope->'payload'->>'assessmentId' = $1`, [r.body.assessmentId]);
    expect(rows).toHaveLength(1);
    const e = rows[0].envelope;
    expect(e).toMatchObject({ producer: 'vetting', villageCode: ownVillages[2], version: 1 });
    expect(e.payload).toMatchObject({ period: '2025', teamGrade: '好', classification: '平稳', weak: false, turnout: { invited: 50, returned: 30, representatives: 18 } });
    expect(e.payload.problems.map((p: any) => [p.problemId, p.severity])).toEqual([[`${r.body.assessmentId}-p1`, 'serious'], [`${r.body.assessmentId}-p2`, 'general']]);
    const text = JSON.stringify(e);
    for (const privateBit of ['张明华', '王秀英', `${ownVillages[2]}-p1"`, 'memberGrades', 'personId']) expect(text).not.toContain(privateBit);
  });

  // Seed 004 report 1: "参与问卷调查的群众代表比例不少于60%" — 群众代表 among those who answered, not
  // questionnaires returned ÷ issued.
  it('records an assessment with too few 群众代表 among respondents as invalid (no event for grievance) and takes a re-run', async () => {
    // Every questionnaire came back (100 %), but only half the respondents are 群众代表: invalid.
    const low = await record(township, body(ownVillages[3], { period: '2026', turnout: { invited: 50, returned: 50, representatives: 25 } }));
    expect(low.status).toBe(201);
    expect(low.body).toMatchObject({ valid: false, minRepresentativePercent: 60 });
    const sent = async (id: string) => (await vetting().query(`SELECT 1 FROM outbox WHERE envelope->'payload'->>'assessmentId' = $1`, [id])).rowCount;
    expect(await sent(low.body.assessmentId)).toBe(0);
    const summary = await settled(township, '?period=2026', 1);
    expect(summary.body).toMatchObject({ assessed: 1, valid: 0, invalid: { count: 1, villages: [ownVillages[3]] } });
    // Half the questionnaires came back (50 %), 60 % of those who answered are 群众代表: valid.
    const rerun = await record(township, body(ownVillages[3], { period: '2026', turnout: { invited: 50, returned: 25, representatives: 15 } }));
    expect(rerun.status).toBe(201);
    expect(rerun.body).toMatchObject({ valid: true, rerunOf: low.body.assessmentId, assessmentId: `${ownVillages[3]}-2026-2` });
    expect(await sent(rerun.body.assessmentId)).toBe(1);
  });

  it('records a correction as a new revision attributed to who made it, and refuses a stale one', async () => {
    const village = ownVillages[0];
    const url = `/vetting/assessments/villages/${village}/periods/2025/corrections`;
    const correction = {
      revision: 1,
      reason: '王秀英等次录入错误',
      teamGrade: '一般',
      memberGrades: [
        { personId: `${village}-p1`, name: '张明华', grade: '优秀' },
        { personId: `${village}-p2`, name: '王秀英', grade: '不称职' },
      ],
      turnout: { invited: 50, returned: 30, representatives: 18 },
      classification: '调整充实',
      weak: false,
      problems: [{ problemId: `${village}-2025-1-p1`, category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'major' }],
    };
    const before = await written();
    expect((await h.call('POST', url, { token: org, json: { ...correction, reason: '' } })).status).toBe(400);
    expect(await written()).toEqual(before);
    const c = await h.call('POST', url, { token: org, json: correction });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ assessmentId: `${village}-2025-1`, revision: 2, by: orgId, corrects: { revision: 1, reason: '王秀英等次录入错误', removedPersonIds: [] } });
    const stale = await h.call('POST', url, { token: township, json: { ...correction, teamGrade: '较差' } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('请刷新后在最新版本上更正');

    // Both revisions stay, each with who recorded it; the list shows the correction in force.
    const history = await h.call('GET', `/vetting/assessments/villages/${village}`, { token: township });
    expect(history.body.revisions.map((r: any) => [r.data.revision, r.data.teamGrade, r.recordedBy.userId])).toEqual([
      [1, '好', townshipId],
      [2, '一般', orgId],
    ]);
    const { rows } = await vetting().query(`SELECT data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`assessment-${village}-2025`]);
    expect(rows.map((r) => [r.data.revision, r.metadata.actor.userId])).toEqual([[1, townshipId], [2, orgId]]);
    expect(rows[1].data.memberGrades[1]).toEqual({ personId: `${village}-p2`, name: '王秀英', grade: '不称职' });
    const listed = await h.call('GET', `/vetting/assessments?period=2025&classification=${encodeURIComponent('调整充实')}`, { token: township });
    expect(listed.body.items.map((a: any) => [a.villageCode, a.revision])).toEqual([[village, 2]]);
    // Grievance hears the corrected problem under the same id (one case, updated).
    const out = await vetting().query(`SELECT envelope FROM outbox WHERE envelope->'payload'->>'assessmentId' = $1 ORDER BY id`, [`${village}-2025-1`]);
    expect(out.rows.map((r) => r.envelope.payload.problems.map((p: any) => `${p.problemId}:${p.severity}`))).toEqual([[`${village}-2025-1-p1:general`], [`${village}-2025-1-p1:major`]]);
  });

  it('lets only one of two clerks recording the same village and period at once succeed', async () => {
    const [a, b] = await Promise.all([record(township, body(ownVillages[1], { period: '2023' })), record(org, body(ownVillages[1], { period: '2023', teamGrade: '较差' }))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const { rows } = await vetting().query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`assessment-${ownVillages[1]}-2023`]);
    expect(rows[0].n).toBe(1);
  });

  it('grades only persons on the village roster once the roster has the village', async () => {
    const { commands, projector } = rosterOf();
    const personId: string = await commands.execute(
      new RecordPerson({ name: '周成员', citizenId: citizenId('320724', '1975-06-15', 0), ethnicity: '汉族', education: '初中', politicalStatus: '群众', partyJoinDate: null, phone: null, tags: [], villageCode: ownVillages[3] }, null),
    );
    // From 2022: not in force on the dates the targets test below compares.
    await commands.execute(new StartHolding({ personId, villageCode: ownVillages[3], body: 'committee', post: '委员', from: '2022-01-10' as LocalDate }, null));
    await projector.catchUp();
    const stranger = await record(township, body(ownVillages[3], { period: '2024', memberGrades: [{ personId: 'not-on-roster', name: '吴某', grade: '称职' }] }));
    expect([stranger.status, stranger.body.message]).toEqual([422, '吴某 不在本村“两委”花名册中']);
    expect((await record(township, body(ownVillages[3], { period: '2024', memberGrades: [{ personId, name: '周成员', grade: '不称职' }] }))).status).toBe(201);
  });

  it('computes county targets from the roster, before vs after, inside the actor scope only', async () => {
    // Seeds the roster through its own commands (the roster service's provider), two villages of the township.
    const { commands, projector } = rosterOf();
    const person = async (name: string, citizenId: string, villageCode: string, education: any, tags: string[]): Promise<string> =>
      commands.execute(new RecordPerson({ name, citizenId, ethnicity: '汉族', education, politicalStatus: '中共党员', partyJoinDate: null, phone: null, tags, villageCode }, null));
    const startHolding = (h: { personId: string; villageCode: string; body: 'party' | 'committee'; post: string; from: string }) => commands.execute(new StartHolding({ ...h, from: h.from as LocalDate }, null));
    const s1 = await person('赵书记', citizenId('320724', '1966-01-15', 0), ownVillages[1], '本科', ['致富能手']);
    const s2 = await person('钱书记', citizenId('320724', '1981-06-30', 0), ownVillages[2], '高中·中专', []);
    const w = await person('孙主任', citizenId('320724', '1986-06-30', 0, true), ownVillages[2], '大专', []);
    await startHolding({ personId: s1, villageCode: ownVillages[1], body: 'party', post: '书记', from: '2021-01-15' });
    await startHolding({ personId: s1, villageCode: ownVillages[1], body: 'committee', post: '主任', from: '2021-01-15' });
    await startHolding({ personId: s2, villageCode: ownVillages[2], body: 'party', post: '书记', from: '2018-01-01' });
    await startHolding({ personId: w, villageCode: ownVillages[2], body: 'committee', post: '主任', from: '2021-01-15' });
    await projector.catchUp();

    const r = await h.call('GET', `/vetting/targets?scope=${townshipNode}&before=2020-12-31&after=2021-06-30&pack=default`, { token: township });
    expect(r.status).toBe(200);
    const line = (report: any, lineId: string) => report.lines.find((l: any) => l.id === lineId);
    // Before: only s2 (39 on 2020-12-31). After: s1 (55, 本科, 致富能手, 一肩挑), s2 (40 on 2021-06-30), w (35, woman).
    expect(r.body.before).toMatchObject({ secretaries: 1, members: 1, villages: 1 });
    expect(r.body.after).toMatchObject({ secretaries: 2, members: 3, villages: 2 });
    expect(line(r.body.after, 'secretaryCollege')).toMatchObject({ value: { numerator: 1, denominator: 2 }, display: '50.0%', status: 'met' });
    expect(line(r.body.after, 'secretaryWealthLeader')).toMatchObject({ display: '50.0%', status: 'not_met' });
    expect(line(r.body.after, 'secretaryAverageAge')).toMatchObject({ value: { numerator: 95, denominator: 2 }, display: '47.5', status: 'not_met' });
    expect(line(r.body.after, 'memberAverageAge')).toMatchObject({ value: { numerator: 130, denominator: 3 }, display: '43.3', status: 'met' });
    expect(line(r.body.after, 'women')).toMatchObject({ value: { numerator: 1, denominator: 3 }, status: 'met' });
    expect(line(r.body.after, 'young')).toMatchObject({ value: { numerator: 1, denominator: 3 }, status: 'no_target' });
    expect(line(r.body.after, 'oneShoulder')).toMatchObject({ value: { numerator: 1, denominator: 2 }, status: 'no_target' });
    expect(r.body.changes.find((c: any) => c.id === 'secretaryCollege')).toMatchObject({ change: '+50.0 个百分点', countChange: 1 });

    expect((await h.call('GET', `/vetting/targets?scope=${otherVillages[0].slice(0, 9)}`, { token: township })).status).toBe(404);
    expect((await h.call('GET', `/vetting/targets?scope=${townshipNode}&pack=nope`, { token: township })).status).toBe(422);
    expect((await h.call('GET', `/vetting/targets?scope=${townshipNode}&before=2021-06-30&after=2020-12-31`, { token: township })).status).toBe(422);
  });

  it('describes the roster, assessment and targets routes in GET /vetting/openapi.json: summary, input and answer schemas', async () => {
    const r = await h.call('GET', '/vetting/openapi.json');
    expect(r.status).toBe(200);
    const paths: Record<string, Record<string, any>> = r.body.paths;
    const a = '/vetting/assessments';
    const p = '/vetting/roster/persons/{id}';
    const mine = [
      `POST ${a}`,
      `GET ${a}`,
      `GET ${a}/scales`,
      `GET ${a}/summary`,
      `GET ${a}/villages/{villageCode}`,
      `POST ${a}/villages/{villageCode}/periods/{period}/corrections`,
      'GET /vetting/targets',
      'POST /vetting/roster/import',
      `GET ${p}`,
      ...['records', 'records/{rid}/end', 'appraisals', 'relatives', 'roles', 'investigations', 'investigations/{iid}/close'].map((x) => `POST ${p}/${x}`),
      'GET /vetting/roster/villages/{code}',
      'POST /vetting/roster/villages/{code}/holdings/end',
      'GET /vetting/roster/basic-situation',
      'GET /vetting/roster/basic-situation.xlsx',
    ];
    const routes = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(expect.arrayContaining(mine));
    for (const route of mine) {
      const [method, path] = route.split(' ');
      const op = paths[path][method.toLowerCase()];
      expect([route, typeof op.summary]).toEqual([route, 'string']);
      const success = op.responses['200'] ?? op.responses['201'];
      expect([route, Object.values(success.content ?? {}).map((c: any) => Boolean(c.schema.type ?? c.schema.anyOf))]).toEqual([route, [true]]);
      if (method === 'POST') expect([route, Object.keys(op.requestBody?.content ?? {}).length > 0]).toEqual([route, true]);
    }
    const body = (path: string, type = 'application/json') => paths[path].post.requestBody.content[type].schema;
    expect(body(a).required).toEqual(expect.arrayContaining(['villageCode', 'period', 'teamGrade', 'memberGrades', 'turnout', 'classification', 'weak']));
    expect(body(`${a}/villages/{villageCode}/periods/{period}/corrections`).required).toEqual(expect.arrayContaining(['revision', 'reason']));
    expect(paths[`${a}/villages/{villageCode}/periods/{period}/corrections`].post.parameters.map((x: any) => `${x.in}:${x.name}`).sort()).toEqual(['path:period', 'path:villageCode']);
    expect(Object.keys(body('/vetting/roster/import', 'multipart/form-data').properties).sort()).toEqual(['date', 'dryRun', 'mode']);
    expect(paths['/vetting/roster/import'].post.responses['422'].content['application/json'].schema.properties.refused.type).toBe('array');
    expect(body(`${p}/appraisals`).properties.grade.enum).toEqual(['优秀', '称职', '基本称职', '不称职']);
    expect(paths[`${a}/summary`].get.parameters.map((x: any) => x.name).sort()).toEqual(['period', 'scope']);
    expect(paths['/vetting/targets'].get.parameters.map((x: any) => x.name).sort()).toEqual(['after', 'before', 'pack', 'scope']);
    expect(paths['/vetting/roster/basic-situation'].get.responses['200'].content['application/json'].schema.required).toEqual(expect.arrayContaining(['cadres', 'scopeName']));
    expect(Object.keys(paths['/vetting/roster/basic-situation.xlsx'].get.responses['200'].content)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });
});
