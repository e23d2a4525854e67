import { readFileSync } from 'fs';
import JSZip from 'jszip';
import { citizenId, HttpClient, rosterCsv, rosterUpload, waitFor } from '@lw/testing';
import { startConsoleHarness, type ConsoleHarness } from './browser';

/*
 * 报告草稿 in the browser: activity seeded over HTTP (a roster import, tips concluded, an election
 * whose outgoing audit has a finding, the finding's case closed), then org_dept reads the figures
 * for the demo county and a period, downloads the Word draft, and every figure in it equals what
 * the four services answer for that period and the previous one (this test asks them itself).
 */
describe('report draft (browser)', () => {
  let c: ConsoleHarness;
  /** Seeding and the services' figures: calls that must succeed. */
  let api: HttpClient;
  let org: string;
  let township: string;
  let discipline: string;
  let auditor: string;
  let liaison: string;
  let county: string;
  let village: string;

  const DAY = 86_400_000;
  const shanghai = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  const today = shanghai(Date.now());
  const from = shanghai(Date.now() - 29 * DAY);
  const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
  const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
  const prevTo = iso(days(from) - 1);
  const prevFrom = iso(days(prevTo) - (days(today) - days(from)));
  const LAST_ELECTION = '2021-01-01';

  beforeAll(async () => {
    c = await startConsoleHarness();
    api = new HttpClient(c.url);
    [org, township, discipline, auditor, liaison] = await Promise.all(['org_dept', 'township', 'discipline', 'auditor', 'liaison'].map((u) => c.h.login(u)));
    county = c.h.s.accounts.find((a) => a.username === 'org_dept')!.node;
    village = c.h.s.accounts.find((a) => a.username === 'liaison')!.node;
  }, 240_000);
  afterAll(() => c?.stop(), 60_000);


  async function seed() {
    // Roster: holdings from inside the period, so the previous period's end has none.
    const sheet = rosterCsv([
      { village, name: '吴书记', citizenId: citizenId('320724', '1968-02-01', 1), education: '大专', joined: '1990-07-01', post: '村党组织书记、村委会主任' },
      { village, name: '李委员', citizenId: citizenId('320724', '1990-05-01', 2, true), education: '本科', joined: '2015-07-01', post: '支部委员' },
      { village, name: '张委员', citizenId: citizenId('320724', '1975-09-09', 3), education: '初中', politicalStatus: '群众', joined: '', post: '村委会委员' },
      { village, name: '陈委员', citizenId: citizenId('320724', '1985-03-03', 4, true), education: '高中', politicalStatus: '预备党员', joined: '2025-06-01', post: '村委会委员' },
    ]);
    await api.ok('POST', '/vetting/roster/import', { token: township, form: rosterUpload(sheet, iso(days(from) + 1)) });

    // Three tips about three people of the village; two concluded (one needing rectification).
    const tipIds: string[] = [];
    for (const [i, name] of ['王某', '赵某', '钱某'].entries()) {
      const f = new FormData();
      f.set(
        'tip',
        JSON.stringify({
          category: 'collective_funds',
          subjects: [{ kind: 'person', name, post: '村委会委员', villageCode: village }],
          text: `村委会委员${name}挪用集体资金（第 ${i + 1} 件）。`,
          anonymous: true,
        }),
      );
      const sent = await c.h.call('POST', '/tipline/public/tips', { form: f });
      expect(sent.status).toBe(201);
      const locator = sent.body.receiptCode.replace(/-/g, '').slice(0, 8);
      tipIds.push((await c.h.db.pool('tipline', 1).query('SELECT tip_id FROM receipts WHERE locator = $1', [locator])).rows[0].tip_id);
    }
    for (const [i, tipId] of tipIds.slice(0, 2).entries()) {
      await api.ok('POST', `/tipline/tips/${tipId}/accept`, { token: discipline, json: {} });
      await api.ok('POST', `/tipline/tips/${tipId}/assign`, { token: discipline, json: {} });
      await api.ok('POST', `/tipline/tips/${tipId}/conclude`, { token: discipline, json: { finding: i === 0 ? 'substantiated' : 'unsubstantiated', summary: '经核查作出结论。', needsRectification: i === 0 } });
    }

    // An election of the village: its outgoing audit finds 12000.10 yuan of unreceipted vouchers.
    await api.ok('POST', '/vetting/elections', { token: org, json: { electionId: 'ereport', name: '报告测试换届', scope: village, seats: { party: 3, committee: 3, supervision: 3 } } });
    const engagementId = `outgoing-ereport-${village}`;
    await waitFor(async () => (await c.h.call('GET', `/auditing/engagements/${engagementId}`, { token: auditor })).status === 200, 30_000, 'audit planned');
    const step = (path: string, json: unknown = {}) => api.ok('POST', `/auditing/engagements/${engagementId}/${path}`, { token: auditor, json });
    await step('fieldwork', { auditors: ['县审计局 王审计'] });
    await step('findings', { category: 'unreceipted_voucher', severity: 'serious', amount: '12000.10', description: '白条入账 12 笔', responsiblePersons: [{ name: '吴书记', post: '村党组织书记' }], rectificationRequired: true });
    await step('draft');
    await step('conclude', { summary: '发现严重问题 1 个' });
    await step('publish');

    // The finding's case: applied for and closed.
    let caseId = '';
    await waitFor(async () => {
      const rows = (await c.h.call('GET', '/grievance/ledger?source=audit&limit=50', { token: township })).body.rows ?? [];
      caseId = rows.find((r: any) => r.villageCode === village)?.caseId ?? '';
      return caseId !== '';
    }, 30_000, 'case for the finding');
    await api.ok('POST', `/grievance/cases/${caseId}/apply`, { token: liaison, json: { evidence: '已规范入账，附凭证。' } });
    await api.ok('POST', `/grievance/cases/${caseId}/close`, { token: township, json: { summary: '整改到位，同意销号。' } });

    // Every read model caught up before the browser reads them.
    await waitFor(async () => (await stats(from, today)).tips.concluded === 2, 30_000, 'tip figures');
    await waitFor(async () => (await stats(from, today)).cases.closedInPeriod >= 1 && (await stats(from, today)).audits.findings === 1, 30_000, 'case and audit figures');
  }

  /** What the four services answer for the county and a period. */
  async function stats(f: string, t: string, last = LAST_ELECTION) {
    const [roster, tips, audits, cases] = await Promise.all([
      api.ok('GET', `/vetting/roster/basic-situation?scope=${county}&date=${t}&lastElectionDate=${last}`, { token: org }),
      api.ok('GET', `/tipline/tips/statistics?from=${f}&to=${t}&by=township`, { token: org }),
      api.ok('GET', `/auditing/summary?node=${county}&from=${f}&to=${t}`, { token: org }),
      api.ok('GET', `/grievance/ledger/statistics?by=county&node=${county}&from=${f}&to=${t}`, { token: org }),
    ]);
    return { roster, tips: tips.total, audits, cases: cases.total };
  }

  /** Label → value, as the report's tables write them, read from the services' answers. */
  function expectedRows(s: Awaited<ReturnType<typeof stats>>): Record<string, string> {
    const v = (x: unknown) => (x === null || x === undefined ? '—' : String(x));
    const r = s.roster;
    return {
      '“两委”干部总数（人）': v(r.cadres),
      '村（社区）党组织委员（人）': v(r.partyCommittee),
      '村（居）民委员会委员（人）': v(r.villagersCommittee),
      '交叉任职（人）': v(r.crossAppointed),
      '书记、主任“一肩挑”（人）': v(r.oneShoulder),
      '正式党员（人）': v(r.partyStatus.正式党员),
      '预备党员（人）': v(r.partyStatus.预备党员),
      '群众（人）': v(r.partyStatus.群众),
      '无党派人士或民主党派（人）': v(r.partyStatus.无党派或民主党派),
      '女干部（人）': v(r.women),
      '45周岁以下（人）': v(r.ageBands.under45),
      '45—54周岁（人）': v(r.ageBands.from45to54),
      '55周岁及以上（人）': v(r.ageBands.from55),
      '平均年龄（周岁）': r.cadres ? v(r.averageAge) : '—', // no cadres, no average
      '大专及以上学历（人）': v(r.education.大专及以上),
      '高中（中专）学历（人）': v(r.education['高中·中专']),
      '初中学历（人）': v(r.education.初中),
      '小学学历（人）': v(r.education.小学),
      '上次换届以来受到党纪政务处分（人）': v(r.disciplinedSinceElection),
      '其中仍在处分影响期内（人）': v(r.disciplinedInEffect),
      '后备干部（人）': v(r.reserve),
      '收到信访举报（件）': v(s.tips.received),
      '其中重复举报（件）': v(s.tips.repeats),
      '其中涉及换届选举（件）': v(s.tips.electionRelated),
      '已受理（件）': v(s.tips.accepted),
      '已办结（件）': v(s.tips.concluded),
      '按期办结率（%）': v(s.tips.concludedWithinLimitPct),
      '属实或部分属实（件）': v(s.tips.substantiated),
      '审计办结（个）': v(s.audits.engagements.concluded),
      '审计结果公示（个）': v(s.audits.engagements.published),
      '发现问题（个）': v(s.audits.findings),
      '其中严重问题（个）': v(s.audits.serious),
      '问题涉及金额（元）': v(s.audits.total),
      '新增交办问题（个）': v(s.cases.total),
      '其中已整改销号（个）': v(s.cases.closed),
      '销号率（%）': v(s.cases.closureRate),
      '本期整改销号（个）': v(s.cases.closedInPeriod),
      '期末逾期未销号（个）': v(s.cases.overdue),
    };
  }

  const texts = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

  it('reads the figures, shows them, and downloads a Word draft whose every figure equals the services\' answers', async () => {
    await seed();
    const current = await stats(from, today);
    const previous = await stats(prevFrom, prevTo, LAST_ELECTION <= prevTo ? LAST_ELECTION : prevTo);
    // The seeded activity is there (so the comparison below is not of zeros only).
    expect(current.roster.cadres).toBe(4);
    expect(previous.roster.cadres).toBe(0);
    expect(current.tips).toMatchObject({ received: 3, concluded: 2, substantiated: 1 });
    expect(current.audits).toMatchObject({ findings: 1, serious: 1, total: '12000.10', engagements: { concluded: 1, published: 1 } });
    expect(current.cases.closedInPeriod).toBeGreaterThanOrEqual(1);

    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'org_dept');
    await page.goto(`${c.url}/console/reports`);
    await page.getByTestId('reports-page').waitFor();
    await page.getByTestId('report-from').fill(from);
    await page.getByTestId('report-to').fill(today);
    await page.getByTestId('report-last-election').fill(LAST_ELECTION);
    expect(await page.getByTestId('report-previous').innerText()).toContain(`${prevFrom} 至 ${prevTo}`);
    await page.locator('[data-testid="report-gather"]:not([disabled])').waitFor();
    await page.getByTestId('report-gather').click();
    await page.getByTestId('report-figures').waitFor({ timeout: 30_000 });
    for (const s of ['roster', 'tips', 'audits', 'cases']) expect(await page.getByTestId(`figures-${s}`).innerText()).toContain('已读取');
    expect(await page.getByTestId('figures-audits').innerText()).toContain('12000.10');
    await c.shot(page, 'report-draft-figures');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    const all = texts(xml);

    for (const h of ['一、基本情况', '二、工作开展情况', '三、存在的问题', '四、下一步打算']) expect(all).toContain(h);
    expect(all).toContain('【请填写：');

    // Every table row: 指标 | 本期 | 上期 | 增减.
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => texts(tc[0])));
    const inDoc = new Map(rows.filter((r) => r.length === 4 && r[0] !== '指标').map((r) => [r[0], [r[1], r[2]]]));
    const cur = expectedRows(current);
    const prev = expectedRows(previous);
    expect([...inDoc.keys()].sort()).toEqual(Object.keys(cur).sort());
    for (const label of Object.keys(cur)) expect([label, ...inDoc.get(label)!]).toEqual([label, cur[label], prev[label]]);

    // The sentences quote the same figures.
    expect(all).toContain(`“两委”干部共计${current.roster.cadres}人`);
    expect(all).toContain(`共收到涉及村（社区）“两委”的信访举报${current.tips.received}件`);
    expect(all).toContain(`涉及金额${current.audits.total}元`);
    expect(all).toContain(`期内整改销号${current.cases.closedInPeriod}个`);
    expect(all).toContain(`截至期末逾期未销号${current.cases.overdue}个`);

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows the dashboard of the user\'s node with its charts, and hides what a role may not read', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'org_dept');
    await page.getByTestId('home-elections').getByText('最近一次换届').waitFor({ timeout: 30_000 });
    for (const id of ['home-tips', 'home-ledger', 'home-audits', 'home-elections']) {
      const card = page.getByTestId(id);
      await card.locator('canvas').waitFor({ timeout: 30_000 }).catch(async (err) => {
        throw new Error(`${id}: ${await card.innerText()} (${(err as Error).message})`);
      });
    }
    expect(await page.getByTestId('home-audits-published').innerText()).toContain('1 / 1');
    await c.shot(page, 'home-org-dept');
    expect(errors).toEqual([]);
    await context.close();

    // The liaison reads the ledger only: no tips card, no audit or election card.
    const l = await c.newPage();
    await c.loginAs(l.page, 'liaison');
    await l.page.getByTestId('home-ledger').waitFor();
    await l.page.getByTestId('home-ledger').getByText('在办问题').waitFor({ timeout: 30_000 });
    // Cards show while loading; a 403 removes them.
    for (const id of ['home-tips', 'home-audits', 'home-elections']) await l.page.getByTestId(id).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await l.page.getByTestId('home-ledger').count()).toBe(1);
    await c.shot(l.page, 'home-liaison');
    expect(l.errors).toEqual([]);
    await l.context.close();
  }, 120_000);
});
