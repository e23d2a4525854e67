import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import { waitFor } from '@lw/testing';
import { PHONE, startConsoleHarness, type ConsoleHarness } from './browser';

/** The section kept on the device (keys are `lw:dossier:<user>:<campaign>:<subject>:<section>`), or null. */
async function keptOnDevice(page: Page, campaignSubjectSection: string): Promise<string | null> {
  const suffix = JSON.stringify(`:${campaignSubjectSection}`);
  return (await page.evaluate(`(() => { const k = Object.keys(localStorage).find((k) => k.startsWith('lw:dossier:') && k.endsWith(${suffix})); return k ? localStorage.getItem(k) : null; })()`)) as string | null;
}

/*
 * The dossier form in the village (issue 16: "a dossier form a work group can fill on a phone or
 * tablet in the village (saves as it goes, works on a poor connection)"). A township's 届中分析
 * (seed 002) is planned over HTTP with one work group; on a 375 px phone the township fills its
 * village's dossier section by section, reloads and finds it saved; a save made while the network
 * is down is kept on the phone (even across a reload), shown as 未保存, retried, and lands; then
 * the team is graded on the pack's scale (好/正常/较差) and the dossier submitted.
 */
describe('campaign dossier on a phone (browser)', () => {
  let c: ConsoleHarness;
  let township: string;
  let village: string;
  let campaignId: string;

  beforeAll(async () => {
    c = await startConsoleHarness();
    township = await c.h.login('township');
    const townshipNode = c.h.s.accounts.find((a) => a.username === 'township')!.node;
    village = c.h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const planned = await c.h.call('POST', '/vetting/campaigns', {
      token: township,
      json: {
        kind: 'midterm',
        name: '2026年村（社区）“两委”班子届中分析',
        scope: townshipNode,
        period: { from: '2026-11-01', to: '2027-01-31' },
        packId: 'midterm-default',
        stages: [{ name: '走访调研', from: '2026-11-01', to: '2026-11-30' }],
        methods: ['heart_talk', 'questionnaire', 'satisfaction'],
      },
    });
    expect(planned.status === 201 ? 201 : planned.body).toBe(201);
    campaignId = planned.body.campaignId;
    // 002: "成立…9个分析研判工作组" — here one.
    const group = await c.h.call('PUT', `/vetting/campaigns/${campaignId}/groups/g1`, {
      token: township,
      json: { name: '第一分析研判工作组', leader: { name: '李华', post: '镇党委副书记' }, members: [{ name: '赵强', post: '组织委员' }], villages: [village], townships: [] },
    });
    expect(group.status === 200 ? 200 : group.body).toBe(200);
  }, 240_000);
  afterAll(() => c?.stop(), 60_000);

  const dossierUrl = () => `/campaigns/${campaignId}/dossiers/${village}`;
  const stored = async () => (await c.h.call('GET', `/vetting${dossierUrl()}`, { token: township })).body;
  const stateOf = async (page: Page, section: string) => (await page.getByTestId(`section-state-${section}`).innerText()).trim();
  const until = (page: Page, section: string, state: string) => waitFor(async () => (await stateOf(page, section)) === state, 30_000, `${section} ${state}`);
  /** Opens a collapsed section panel (its editor is rendered but hidden until then). */
  const open = (page: Page, section: string) => page.getByTestId(`section-${section}`).click();
  /** Chromium reports an aborted request as a console error: that is the test's own doing. */
  const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

  it('fills a dossier at 375 px, saving as it goes; a reload shows it saved', async () => {
    const { page, context, errors } = await c.newPage(PHONE);
    await c.loginAs(page, 'township', dossierUrl());
    await page.getByTestId('dossier-page').waitFor();
    expect(await page.getByTestId('dossier-status').innerText()).toBe('填写中');

    // 002: "谈心谈话*人次" — the talks panel is open first.
    await page.getByTestId('talk-count-team_members').fill('7');
    await page.getByTestId('talk-count-group_leaders').fill('5');
    await page.getByTestId('talk-count-group_leaders').blur();
    await until(page, 'talks', '已保存');

    // 002: "发放并收回问卷调查表300余份" — the share is 群众代表 among respondents (004 report 1).
    await open(page, 'forms');
    await page.getByTestId('form-questionnaire-issued').fill('160');
    await page.getByTestId('form-questionnaire-returned').fill('152');
    await page.getByTestId('form-questionnaire-representatives').fill('100');
    await page.getByTestId('form-questionnaire-representatives').blur();
    expect(await page.getByTestId('form-questionnaire-share').innerText()).toContain('65.8%');
    await until(page, 'forms', '已保存');

    await open(page, 'running');
    await page.getByTestId('running').fill('该村班子结构合理，运行平稳。');
    await until(page, 'running', '已保存');
    // The form fits the phone: nothing of it beyond the screen's right edge.
    const box = (await page.getByTestId('dossier-page').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await c.shot(page, 'campaign-dossier-phone');

    const saved = await stored();
    expect(saved.sections.talks).toEqual([
      { category: 'team_members', count: 7, notes: '' },
      { category: 'group_leaders', count: 5, notes: '' },
    ]);
    expect(saved.sections.forms).toEqual([{ kind: 'questionnaire', issued: 160, returned: 152, representatives: 100 }]);
    expect(saved.sections.running).toBe('该村班子结构合理，运行平稳。');

    await page.reload();
    await page.getByTestId('dossier-page').waitFor();
    expect(await page.getByTestId('talk-count-team_members').inputValue()).toBe('7');
    expect(await page.getByTestId('running').inputValue()).toBe('该村班子结构合理，运行平稳。');
    expect(await page.getByTestId('dossier-save-state').innerText()).toBe('已全部保存');
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('keeps a save the network lost on the phone, shows it unsaved, retries it and it lands', async () => {
    const { page, context, errors } = await c.newPage(PHONE);
    await c.loginAs(page, 'township', dossierUrl());
    await page.getByTestId('dossier-page').waitFor();
    const TEXT = '该村班子结构合理，运行平稳，带头人作用发挥明显。';

    // The village has no signal: every save of this section fails at the network.
    await page.route('**/sections/running', (route) => route.abort('internetdisconnected'));
    await open(page, 'running');
    await page.getByTestId('running').fill(TEXT);
    await waitFor(async () => (await stateOf(page, 'running')).startsWith('未保存（网络不通'), 30_000, 'running offline');
    expect(await page.getByTestId('dossier-save-state').innerText()).toBe('1 项未保存');
    expect(await page.getByTestId('dossier-submit').isDisabled()).toBe(true);
    const local = await keptOnDevice(page, `${campaignId}:${village}:running`);
    expect(JSON.parse(local ?? 'null')).toBe(TEXT);
    await c.shot(page, 'campaign-dossier-offline');

    // The phone is closed and opened again, still offline: the text is there and still pending.
    await page.reload();
    await page.getByTestId('dossier-page').waitFor();
    expect(await page.getByTestId('running').inputValue()).toBe(TEXT);
    await waitFor(async () => (await stateOf(page, 'running')).startsWith('未保存'), 30_000, 'running still unsaved');
    expect((await stored()).sections.running).toBe('该村班子结构合理，运行平稳。');

    // Signal again: the retry lands, the local copy goes.
    await page.unroute('**/sections/running');
    await until(page, 'running', '已保存');
    expect((await stored()).sections.running).toBe(TEXT);
    expect(await keptOnDevice(page, `${campaignId}:${village}:running`)).toBeNull();

    // Graded on the pack's scale (002: "按照“好”“正常”“较差”三个档次"), then submitted.
    await open(page, 'team');
    await page.getByTestId('team-grade-好').click();
    await page.getByTestId('team-reasons').fill('班子团结，履职有力。');
    await until(page, 'team', '已保存');
    await open(page, 'classification');
    await page.getByTestId('classification').click();
    await page.locator('.ant-select-item-option', { hasText: '平稳' }).click();
    await until(page, 'classification', '已保存');
    await page.getByTestId('dossier-submit').click();
    await waitFor(async () => (await page.getByTestId('dossier-status').innerText()) === '待审核', 30_000, 'submitted');
    expect(await stored()).toMatchObject({ status: 'submitted', sections: { team: { grade: '好' }, classification: { classification: '平稳' } } });
    // A submitted dossier is read-only on the phone.
    expect(await page.getByTestId('running').isDisabled()).toBe(true);
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('reviews the dossier, shows the board and freezes a report version with its Word file', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township', '/campaigns');
    await page.getByTestId(`campaign-link-${campaignId}`).click();
    await page.getByTestId('campaign-detail').waitFor();
    const row = page.getByTestId(`dossier-link-${village}`);
    await row.waitFor();
    expect(await page.getByTestId('dossier-list').innerText()).toContain('待审核');

    await row.click();
    await page.getByTestId('dossier-approve').click();
    await page.getByTestId('review-text').fill('情况属实，同意。');
    await page.getByTestId('review-confirm').click();
    await waitFor(async () => (await page.getByTestId('dossier-status').innerText()) === '已审定', 30_000, 'approved');
    expect(await stored()).toMatchObject({ status: 'approved' });
    await page.getByTestId('commitments').waitFor();

    await page.goBack();
    await page.getByTestId('campaign-tab-board').click();
    await page.getByTestId('board-grades-chart').waitFor();
    const board = await page.getByTestId('campaign-board').innerText();
    expect(board).toContain('第一分析研判工作组');
    expect(board).toContain('好 1');
    await c.shot(page, 'campaign-board');

    await page.getByTestId('campaign-tab-reports').click();
    await page.getByTestId('report-freeze').click();
    await page.getByTestId('report-version-1').waitFor();
    await page.getByTestId('report-draft').waitFor();
    // Attributed: the version names who froze it (the session's display name, not a user id).
    expect(await page.getByTestId('report-by-1').innerText()).toContain('乡镇党委（演示）');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx-1').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await c.shot(page, 'campaign-report');
    expect(errors).toEqual([]);
    await context.close();
  });

  /*
   * The second campaign is planned in the browser, through the forms (issue 16: "plan form (kind,
   * pack, scope, period, stages, methods); work-group set-up (leader, members, village picker)").
   */
  let planned2: string;
  let villages2: { code: string; name: string }[];
  const dossier2 = (code: string) => `/campaigns/${planned2}/dossiers/${code}`;
  const call2 = (method: string, path: string, json?: unknown) => c.h.call(method, `/vetting${path}`, { token: township, json });
  /** A DatePicker's input (the test id sits on the picker or on its input, by antd version). */
  const dateInput = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  const pickDate = async (input: ReturnType<Page['locator']>, date: string) => {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  };

  it('plans a 届中分析 through the plan form and sets up a work group with leader, members and villages', async () => {
    const township2 = c.h.s.accounts.find((a) => a.username === 'township')!.node;
    const hierarchy = c.h.s.kernels.find((k) => k.name === 'vetting')!.platform.hierarchy;
    villages2 = hierarchy
      .descendants(township2, { level: 'village' })
      .filter((n) => n.code !== village)
      .slice(0, 2)
      .map((n) => ({ code: n.code, name: n.name }));
    expect(villages2).toHaveLength(2);

    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township', '/campaigns');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('plan-name').waitFor();
    // The kind defaults to 届中分析 and its newest pack is chosen; the pack's methods come ticked.
    await page.getByRole('checkbox', { name: '谈心谈话' }).waitFor();
    const NAME = '2027年村（社区）“两委”班子届中分析';
    await page.getByTestId('plan-name').fill(NAME);
    await pickDate(dateInput(page, 'plan-from'), '2026-12-01');
    await pickDate(dateInput(page, 'plan-to'), '2027-02-28');
    // 002: "采取实地调研、谈心谈话、查阅资料、民主测评等方式" — this plan leaves out 实地调研 and 满意度测评.
    await page.getByRole('checkbox', { name: '实地调研' }).uncheck();
    await page.getByRole('checkbox', { name: '满意度测评' }).uncheck();
    await page.getByTestId('stage-add').click();
    const stage = page.getByTestId('stage-0').locator('input');
    expect(await stage.nth(0).inputValue()).toBe('动员部署');
    await pickDate(stage.nth(1), '2026-12-01');
    await pickDate(stage.nth(2), '2026-12-10');
    await c.shot(page, 'campaign-plan-form');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('campaign-detail').waitFor();
    expect(await page.getByTestId('campaign-title').innerText()).toBe(NAME);
    planned2 = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const plan = (await call2('GET', `/campaigns/${planned2}`)).body;
    expect(plan).toMatchObject({
      kind: 'midterm',
      name: NAME,
      scope: township2,
      period: { from: '2026-12-01', to: '2027-02-28' },
      stages: [{ name: '动员部署', from: '2026-12-01', to: '2026-12-10' }],
      pack: { id: 'midterm-default' },
    });
    expect([...plan.methods].sort()).toEqual(['democratic_evaluation', 'heart_talk', 'questionnaire', 'records']);

    // 002: "成立…分析研判工作组" — a leader, one member and two villages picked by name.
    await page.getByTestId('campaign-tab-groups').click();
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-name').fill('第二分析研判工作组');
    await page.getByTestId('group-leader-name').fill('王芳');
    await page.getByTestId('group-leader-post').fill('镇党委委员');
    await page.getByTestId('group-member-add').click();
    await page.getByTestId('group-member-0-name').fill('陈刚');
    await page.getByTestId('group-member-0-post').fill('组织干事');
    // Typed in the picker's search, picked from its list (the option's title is the village's name).
    await page.getByTestId('group-villages').click();
    for (const v of villages2) {
      await page.keyboard.type(v.name);
      await page.locator(`.ant-select-item-option[title="${v.name}"]`).click();
    }
    await page.getByText('负责的村（社区）').click(); // closes the picker's list
    await c.shot(page, 'campaign-group-form');
    await page.getByTestId('group-submit').click();
    const card = page.getByTestId('group-g1');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('组长：王芳（镇党委委员）');
    expect(text).toContain('陈刚（组织干事）');
    for (const v of villages2) expect(text).toContain(v.name);
    const detail = (await call2('GET', `/campaigns/${planned2}`)).body;
    expect(detail.groups).toEqual([
      expect.objectContaining({
        groupId: 'g1',
        name: '第二分析研判工作组',
        leader: { name: '王芳', post: '镇党委委员' },
        members: [{ name: '陈刚', post: '组织干事' }],
        villages: villages2.map((v) => v.code),
      }),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('issues the 反馈意见函 (Word), takes the 整改承诺书 and accepts the problems into rectification', async () => {
    // The work group's dossier, filled and approved over HTTP (the phone form is tested above).
    const [target] = villages2;
    const save = (section: string, content: unknown) => call2('PUT', `${dossier2(target.code)}/sections/${section}`, { content });
    for (const [section, content] of Object.entries({
      team: { grade: '正常', reasons: '班子履职基本到位。' },
      classification: { classification: '平稳', weak: false, backward: false },
      problems: [
        { category: '后备干部', description: '后备干部储备不足，无成熟人选。', severity: 'general' },
        { category: '人居环境', description: '人居环境整治长效机制未建立。', severity: 'major' },
      ],
    })) {
      const r = await save(section, content);
      expect([section, r.status]).toEqual([section, 200]);
    }
    expect((await call2('POST', `${dossier2(target.code)}/submit`)).status).toBe(200);
    expect((await call2('POST', `${dossier2(target.code)}/approve`, { comment: '同意。' })).status).toBe(200);

    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township', dossier2(target.code));
    await page.getByTestId('dossier-page').waitFor();
    expect(await page.getByTestId('dossier-status').innerText()).toBe('已审定');

    // The 反馈意见函 to the village, with its number, downloaded as Word.
    await page.getByTestId('dossier-feedback').click();
    await page.getByTestId('review-text').fill('新安镇委函〔2026〕15号');
    await page.getByTestId('review-confirm').click();
    await page.getByTestId('dossier-feedback-docx').waitFor();
    const [letter] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dossier-feedback-docx').click()]);
    expect(letter.suggestedFilename()).toMatch(/反馈意见函\.docx$/);
    expect(letter.suggestedFilename()).toContain(target.name);
    expect(readFileSync((await letter.path())!).subarray(0, 2).toString()).toBe('PK'); // a .docx is a zip
    expect((await call2('GET', dossier2(target.code))).body.feedback).toMatchObject({ letterNo: '新安镇委函〔2026〕15号' });

    // 整改承诺书: measures, the responsible person and the deadline for each problem.
    for (const [id, measures] of [
      ['p1', '制定后备干部培养计划，年内储备2名后备力量。'],
      ['p2', '建立人居环境整治长效机制，落实网格责任。'],
    ]) {
      await page.getByTestId(`commitment-${id}-measures`).fill(measures);
      await page.getByTestId(`commitment-${id}-name`).fill('张明华');
      await page.getByTestId(`commitment-${id}-post`).fill('党总支书记');
      await pickDate(dateInput(page, `commitment-${id}-deadline`), '2027-03-31');
    }
    await page.getByTestId('commitments-save').click();
    await page.getByText('整改承诺已保存').waitFor();
    await waitFor(async () => (await page.getByTestId('commitment-row-p2').innerText()).includes('已承诺'), 30_000, 'committed');
    const committed = (await call2('GET', dossier2(target.code))).body;
    expect(committed.commitments).toEqual([
      { problemId: 'p1', measures: '制定后备干部培养计划，年内储备2名后备力量。', responsible: { name: '张明华', post: '党总支书记' }, deadline: '2027-03-31' },
      { problemId: 'p2', measures: '建立人居环境整治长效机制，落实网格责任。', responsible: { name: '张明华', post: '党总支书记' }, deadline: '2027-03-31' },
    ]);

    // 000: "问题销号机制" — the problems go into the rectification ledger.
    for (const id of ['p1', 'p2']) await page.getByTestId(`commitment-row-${id}`).locator('input[type="checkbox"]').check();
    await page.getByTestId('problems-accept').click();
    await page.getByTestId('problem-accepted-p2').waitFor();
    await page.getByTestId('problem-accepted-p1').waitFor();
    await c.shot(page, 'campaign-commitments');
    const accepted = (await call2('GET', dossier2(target.code))).body;
    expect(accepted.problems.map((p: { problemId: string; accepted: boolean }) => [p.problemId, p.accepted])).toEqual([
      ['p1', true],
      ['p2', true],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the shell header on a 375 px phone; on a shared phone logout asks before dropping unsent sections', async () => {
    const draft = villages2[1];
    const kept = `${planned2}:${draft.code}:running`;
    const { page, context, errors } = await c.newPage(PHONE);
    await c.loginAs(page, 'township', dossier2(draft.code));
    await page.getByTestId('dossier-page').waitFor();

    // The header: the name and one menu button on one line, nothing past the screen's edge.
    const header = (await page.locator('.ant-layout-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(64);
    for (const id of ['current-user', 'account-menu']) {
      const b = (await page.getByTestId(id).boundingBox())!;
      expect([id, b.y >= header.y, b.y + b.height <= header.y + header.height, b.x + b.width <= PHONE.width]).toEqual([id, true, true, true]);
    }
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    // The content keeps the phone's width: a narrow margin, not 24 px.
    expect((await page.getByTestId('dossier-page').boundingBox())!.x).toBeLessThanOrEqual(12);
    await c.shot(page, 'shell-phone');

    // A section typed while the village has no signal stays on the phone, unsent.
    await page.route('**/sections/running', (route) => route.abort('internetdisconnected'));
    await open(page, 'running');
    await page.getByTestId('running').fill('该村班子年轻化程度高，干事创业氛围浓厚。');
    await waitFor(async () => (await stateOf(page, 'running')).startsWith('未保存（网络不通'), 30_000, 'running offline');
    expect(await keptOnDevice(page, kept)).not.toBeNull();

    // Logout warns; cancel keeps the user and the section.
    await page.getByTestId('account-menu').click();
    await page.getByTestId('logout').click();
    await page.getByText('有1项档案内容尚未保存到服务器，退出将丢失，确定退出吗？').waitFor();
    await c.shot(page, 'logout-unsent-phone');
    await page.getByTestId('logout-cancel').click();
    await page.getByTestId('current-user').waitFor();
    expect(await keptOnDevice(page, kept)).not.toBeNull();

    // Confirmed: logged out, and nothing of the dossier is left on the device for the next user.
    await page.getByTestId('account-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('logout-confirm').click();
    await page.getByTestId('login-username').waitFor();
    const left = (await page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('lw:dossier:'))")) as string[];
    expect(left).toEqual([]);
    expect((await call2('GET', dossier2(draft.code))).body.sections.running).toBe('');
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });
});
