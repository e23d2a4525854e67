import { citizenId, rosterCsv, rosterUpload, waitFor } from '@lw/testing';
import { startConsoleHarness, type ConsoleHarness } from './browser';

// The election board in the browser: a village set up through the HTTP API with its gate closed
// (the outgoing audit not concluded) and a nominee blocked by a rule (撤销党内职务 within the
// look-back window) shows as blocked WITH its reasons; its vetting detail shows the verdict's reason.
describe('console: the election board shows why a village is blocked (browser)', () => {
  let c: ConsoleHarness;
  let village: string;
  let villageName: string;
  let verdictMessage: string;
  const EID = 'e2026board';

  beforeAll(async () => {
    c = await startConsoleHarness();
    const { h } = c;
    const [org, township] = await Promise.all(['org_dept', 'township'].map((u) => h.login(u)));
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    villageName = (await h.call('GET', `/hierarchy/nodes/${village}`, { token: org })).body.node.name;

    const sheet = rosterCsv([
      { village, name: '陈书记', citizenId: citizenId('320724', '1972-02-01', 21), education: '大专', joined: '1995-07-01', post: '村党组织书记、村委会主任' },
      { village, name: '林委员', citizenId: citizenId('320724', '1981-06-01', 22), education: '高中', joined: '2006-07-01', post: '支部委员' },
    ]);
    expect((await h.call('POST', '/vetting/roster/import', { token: township, form: rosterUpload(sheet) })).status).toBe(200);
    const members = async () => (await h.call('GET', `/vetting/roster/villages/${village}`, { token: org })).body.members ?? [];
    await waitFor(async () => (await members()).length === 2, 30_000, 'the roster imported');
    const people = new Map<string, string>((await members()).map((p: any) => [p.name, p.personId]));
    // 撤销党内职务 a year ago: the negative list blocks him.
    const record = await h.call('POST', `/vetting/roster/persons/${people.get('林委员')}/records`, { token: org, json: { kind: '撤销党内职务', date: '2025-11-01', source: '县纪委〔2025〕12号' } });
    expect(record.status).toBe(201);

    const opened = await h.call('POST', '/vetting/elections', { token: org, json: { electionId: EID, name: '2026 年村两委换届', scope: village, seats: { party: 3, committee: 3, supervision: 3 } } });
    expect(opened.status === 201 ? 201 : opened.body).toBe(201);
    const base = `/vetting/elections/${EID}/villages/${village}`;
    for (const [nid, name, body, post] of [
      ['p1', '陈书记', 'party', '书记'],
      ['p2', '林委员', 'party', '委员'],
    ]) {
      const r = await h.call('POST', `${base}/nominees`, { token: township, json: { nomineeId: nid, personId: people.get(name), body, post } });
      expect(r.status === 201 ? 201 : r.body).toBe(201);
    }
    const reviewed = await h.call('POST', `${base}/review`, { token: township });
    expect(reviewed.status).toBe(200);
    const blocked = reviewed.body.nominees.find((n: any) => n.nomineeId === 'p2');
    expect(blocked.status).toBe('first_review_failed');
    verdictMessage = blocked.verdicts.find((v: any) => v.kind === 'block').message;
    await waitFor(async () => (await h.call('GET', `/vetting/elections/${EID}?village=${village}`, { token: org })).body.villages?.[0]?.blocked === 1, 30_000, 'the board shows the blocked nominee');
  }, 240_000);
  afterAll(() => c?.stop(), 60_000);

  it('shows the village as blocked with its gate reason, and the verdict\'s reason in its detail', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'org_dept');
    await page.goto(`${c.url}/console/elections`);
    await page.getByTestId(`election-link-${EID}`).click();
    const row = page.getByTestId(`board-row-${village}`);
    await row.waitFor();
    expect(await page.getByTestId('board-title').innerText()).toBe('2026 年村两委换届');
    expect(await row.getByTestId('board-gate').innerText()).toContain('关闭');
    expect(await row.getByTestId('board-gate-reason').allInnerTexts()).toEqual(['离任经济责任审计尚未办结']);
    expect(await row.getByTestId('board-blocked').innerText()).toContain('初审未通过 1');
    expect(await row.innerText()).toContain(villageName);

    // The server-side filter: gate open shows nothing, closed shows the village.
    await page.goto(`${c.url}/console/elections/${EID}?gate=open`);
    await page.getByTestId('board-table').getByText('没有符合条件的村（社区）').waitFor();
    await page.goto(`${c.url}/console/elections/${EID}?gate=closed`);
    await row.waitFor();
    await c.shot(page, 'election-board');

    await row.getByTestId('board-village-link').click();
    await page.getByTestId('village-vetting').waitFor();
    expect(await page.getByTestId('vetting-gate').innerText()).toContain('离任经济责任审计尚未办结');
    const verdicts = page.getByTestId('vetting-verdict');
    await verdicts.first().waitFor();
    const texts = await verdicts.allInnerTexts();
    expect(texts.some((t) => t.includes('否决') && t.includes(verdictMessage))).toBe(true);
    expect(await page.getByTestId('vetting-nominees').innerText()).toContain('初审未通过');
    await c.shot(page, 'election-village-detail');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists a village\'s elections with its stage and gate, paginated (vetting read side)', async () => {
    const { h } = c;
    const org = await h.login('org_dept');
    const mine = await h.call('GET', `/vetting/elections?village=${village}&page=1&pageSize=5`, { token: org });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect(mine.body.elections).toEqual([expect.objectContaining({ election_id: EID, village_stage: 'nominating', village_gate_open: false })]);
    expect((await h.call('GET', '/vetting/elections?page=2&pageSize=1', { token: org })).body).toMatchObject({ total: 1, elections: [] });
    const township = await h.login('township');
    const county = h.s.accounts.find((a) => a.username === 'org_dept')!.node;
    const own = h.s.accounts.find((a) => a.username === 'township')!.node;
    const other = (await h.call('GET', `/hierarchy/nodes/${county}/children`, { token: org })).body.find((t: any) => t.code !== own).code;
    const far = (await h.call('GET', `/hierarchy/nodes/${other}/children`, { token: org })).body[0].code;
    expect((await h.call('GET', `/vetting/elections?village=${far}`, { token: township })).status).toBe(404);
    // No notice yet: the board's countdown fields are there, empty.
    const board = await h.call('GET', `/vetting/elections/${EID}`, { token: org });
    expect(board.body.total).toBe(1);
    expect(board.body.villages[0]).toMatchObject({ notice_ends_on: null, notice_working_days_left: null, notice_beyond_horizon: null });
  });

  it('imports a roster (dry run, error report, valid rows only), shows the basic situation and the county targets', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township');
    await page.goto(`${c.url}/console/roster?tab=import`);
    const sheet = rosterCsv([
      { village, name: '周主任', citizenId: citizenId('320724', '1988-09-01', 31), education: '本科', joined: '2012-07-01', post: '村委会委员' },
      { village, name: '错号码', citizenId: '123456', education: '本科', politicalStatus: '群众', joined: '', post: '村委会委员' },
    ]);
    await page.getByTestId('roster-import').locator('input[type=file]').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet, 'utf8') });
    await page.getByTestId('roster-import-dry-run').click();
    await page.getByTestId('roster-import-errors').waitFor();
    expect(await page.getByTestId('roster-import-result').innerText()).toContain('试导入');
    expect(await page.getByTestId('roster-import-errors').innerText()).toContain('第 3 行');
    await c.shot(page, 'roster-import-dry-run');
    await page.getByText('只导入无误的行').click();
    await page.getByTestId('roster-import-submit').click();
    await page.getByTestId('roster-import-result').getByText('导入完成').waitFor();
    expect(await page.getByTestId('roster-import-result').innerText()).toContain('新增 1');

    await page.goto(`${c.url}/console/roster?tab=situation`);
    await page.getByTestId('chart-age').locator('canvas').waitFor();
    expect(await page.getByTestId('basic-situation').innerText()).toContain('两委干部');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('basic-situation-export').click()]);
    expect(file.suggestedFilename()).toMatch(/两委基本情况.*\.xlsx$/);
    await c.shot(page, 'roster-basic-situation');

    await page.goto(`${c.url}/console/elections/targets`);
    await page.getByTestId('targets-chart').locator('canvas').waitFor();
    await page.getByTestId('targets-table').getByText('一肩挑', { exact: false }).first().waitFor();
    await c.shot(page, 'election-targets');
    expect(errors).toEqual([]);
    await context.close();
  });
});
