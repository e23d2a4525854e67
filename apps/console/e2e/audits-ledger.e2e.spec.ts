import ExcelJS from 'exceljs';
import { readFile } from 'fs/promises';
import type { Page } from 'playwright-core';
import { citizenId, rosterCsv, rosterUpload, waitFor } from '@lw/testing';
import { startConsoleHarness, type ConsoleHarness } from './browser';

/*
 * The audit and ledger pages end to end: an election (set up over HTTP) plans the village's outgoing
 * audit; the auditor takes it through fieldwork in the console, records a serious finding with an
 * amount no float holds exactly, concludes and publishes; the ledger shows the case grievance opened
 * from it with its light and countdown, the one-village view lists it, the Excel export holds it; the
 * township applies for closure and the county closes it in the console; the closure rate follows.
 */
describe('audits and the rectification ledger (browser)', () => {
  let c: ConsoleHarness;
  let village: string;
  let org: string;
  let township: string;
  const EID = 'e2026ui';
  const AMOUNT = '1234567890123.45';
  const SHOWN = '1,234,567,890,123.45';
  const DESCRIPTION = '2023 年白条入账 12 笔，未经民主程序';

  beforeAll(async () => {
    c = await startConsoleHarness();
    [org, township] = await Promise.all(['org_dept', 'township'].map((u) => c.h.login(u)));
    village = c.h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const sheet = rosterCsv([{ village, name: '吴书记', citizenId: citizenId('320724', '1968-02-01', 1), education: '大专', joined: '1990-07-01', post: '村党组织书记、村委会主任' }]);
    expect((await c.h.call('POST', '/vetting/roster/import', { token: township, form: rosterUpload(sheet) })).status).toBe(200);
    const opened = await c.h.call('POST', '/vetting/elections', { token: org, json: { electionId: EID, name: '2026 年换届', scope: village, seats: { party: 3, committee: 3, supervision: 3 } } });
    expect(opened.status).toBe(201);
    await waitFor(async () => (await c.h.call('GET', `/auditing/engagements/outgoing-${EID}-${village}`, { token: org })).status === 200, 30_000, 'audit planned');
  }, 240_000);
  afterAll(() => c?.stop(), 60_000);

  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().innerText()).trim();

  /** Navigates inside the single-page app (no reload: the login stays, nothing is fetched twice). */
  async function go(page: Page, path: string) {
    // A string runs in the page (the tests compile without the DOM library).
    await page.evaluate(`window.history.pushState({}, '', ${JSON.stringify(`/console${path}`)}); window.dispatchEvent(new PopStateEvent('popstate'));`);
  }

  async function step(page: Page, step: string, status: string, fill?: () => Promise<void>) {
    await page.getByTestId(`engagement-step-${step}`).click();
    await page.getByTestId('step-confirm').waitFor();
    if (fill) await fill();
    await page.getByTestId('step-confirm').click();
    await waitFor(async () => (await text(page, 'engagement-status')) === status, 20_000, `status ${status}`);
  }

  it('takes an outgoing audit through fieldwork, a serious finding, conclusion and publication in the console', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'auditor', `/audits?electionId=${EID}`);
    await page.getByTestId(`engagement-link-${village}`).click();
    await page.getByTestId('engagement-detail').waitFor();
    expect(await text(page, 'engagement-status')).toBe('已计划');

    await step(page, 'fieldwork', '现场审计', () => page.getByTestId('step-auditors').fill('县审计局 王审计'));
    await page.getByTestId('finding-record').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '记录审计发现问题' });
    await modal.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '白条入账' }).click();
    await modal.locator('label', { hasText: '严重' }).click();
    await page.getByTestId('finding-amount').fill(AMOUNT);
    await page.getByTestId('finding-description').fill(DESCRIPTION);
    await page.getByTestId('finding-person-0').fill('吴书记');
    await c.shot(page, 'audit-finding-form');
    await page.getByTestId('finding-submit').click();
    await page.getByTestId('finding-amount-cell').waitFor();
    expect(await text(page, 'finding-amount-cell')).toBe(SHOWN);

    await step(page, 'draft', '报告征求意见');
    await step(page, 'conclude', '已出结论', () => page.getByTestId('step-summary').fill('发现严重问题 1 个，需整改。'));
    await step(page, 'publish', '已公示');
    // The page shows the exact amount, the server holds it exactly.
    expect(await text(page, 'finding-amount-cell')).toBe(SHOWN);
    expect(await text(page, 'engagement-total')).toBe(SHOWN);
    const detail = (await c.h.call('GET', `/auditing/engagements/outgoing-${EID}-${village}`, { token: org })).body;
    expect(detail.findings).toEqual([expect.objectContaining({ amount: AMOUNT, severity: 'serious', category: 'unreceipted_voucher', rectificationRequired: true })]);
    expect(await page.getByTestId('engagement-gate').innerText()).toContain('严重问题');
    await c.shot(page, 'audit-engagement-published');

    // Progress before the election: published, and the village still blocked by the open serious finding.
    await go(page, `/audits?tab=progress&electionId=${EID}`);
    await page.getByTestId('audit-progress').waitFor();
    await page.getByTestId('progress-chart').waitFor();
    const blocking = await page.getByTestId('progress-blocking-table').innerText();
    expect(blocking).toContain('严重问题尚未整改销号');
    await c.shot(page, 'audit-progress');
    expect(errors).toEqual([]);
    await context.close();
  });

  let caseId = '';

  it('shows the case opened from the finding in the ledger with its light, in the one-village view and in the Excel export', async () => {
    await waitFor(async () => {
      const rows = (await c.h.call('GET', '/grievance/ledger?source=audit&limit=50', { token: township })).body.rows ?? [];
      caseId = rows.find((r: any) => r.villageCode === village)?.caseId ?? '';
      return caseId !== '';
    }, 30_000, 'grievance case for the finding');
    const row = (await c.h.call('GET', '/grievance/ledger?source=audit&limit=50', { token: township })).body.rows.find((r: any) => r.caseId === caseId);

    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'township', '/ledger?source=audit');
    const tr = page.getByTestId(`ledger-row-${caseId}`);
    await tr.waitFor();
    expect((await tr.getByTestId('case-light').innerText()).trim()).toBe(row.lightLabel);
    expect(['绿灯', '黄灯', '红灯']).toContain(row.lightLabel);
    const countdown = (await tr.getByTestId('case-countdown').innerText()).trim();
    expect(countdown).toMatch(/^(剩 \d+ 个工作日|今日到期|已逾期 \d+ 个工作日)/);
    if (row.deadline.workingDaysLeft > 0) expect(countdown).toContain(`剩 ${row.deadline.workingDaysLeft} 个工作日`);
    expect(await tr.innerText()).toContain(row.deadline.due);
    expect(await tr.innerText()).toContain('审计发现');
    expect(await tr.innerText()).toContain('白条入账'); // the finding category's name, not its code
    await c.shot(page, 'ledger-list');

    // The Excel export of the same filter, with a progress indicator while it downloads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    expect(download.suggestedFilename()).toBe('问题整改台账.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as any);
    const ws = wb.getWorksheet('整改台账')!;
    const cells: string[] = [];
    ws.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value ?? ''))));
    expect(cells.some((v) => v.includes('白条入账') || v.includes(row.description))).toBe(true);
    expect(ws.rowCount).toBe(3); // title, header, the one case

    // 一村一策.
    await tr.getByTestId(`ledger-village-${caseId}`).click();
    await page.getByTestId('village-plan').waitFor();
    await page.getByTestId(`ledger-case-${caseId}`).waitFor();
    expect(await page.getByTestId('village-plan').innerText()).toContain('审计发现 1');
    await c.shot(page, 'ledger-village-plan');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the township apply for closure and the county close it; the closure rate updates', async () => {
    const rateOf = async () => (await c.h.call('GET', '/grievance/ledger/statistics?by=county', { token: org })).body.total.closureRate as number | null;
    const before = await rateOf();

    const t = await c.newPage();
    await c.loginAs(t.page, 'township', `/ledger/cases/${encodeURIComponent(caseId)}`);
    await t.page
      .getByTestId('case-detail')
      .waitFor()
      .catch(async (err) => {
        await c.shot(t.page, 'ledger-case-township-failed');
        throw new Error(`${(err as Error).message}\n${t.errors.join('\n')}`);
      });
    await c.shot(t.page, 'ledger-case-township');
    await t.page.getByTestId('case-action-apply').click();
    await t.page.getByTestId('case-action-text').fill('已追回并规范入账，附会计凭证。');
    await t.page.getByTestId('case-action-submit').click();
    await waitFor(async () => (await text(t.page, 'case-detail-status')) === '申请销号', 20_000, 'closing applied');
    // The applicant does not review its own application.
    expect(await t.page.getByTestId('case-action-close').count()).toBe(0);
    expect(t.errors).toEqual([]);
    await t.context.close();

    const o = await c.newPage();
    await c.loginAs(o.page, 'org_dept', '/ledger?tab=statistics&by=county');
    await o.page.getByTestId('stats-rate-320724').waitFor();
    expect(await text(o.page, 'stats-rate-320724')).toBe(`${(before ?? 0).toFixed(1)}%`);
    await go(o.page, `/ledger/cases/${encodeURIComponent(caseId)}`);
    await o.page.getByTestId('case-action-close').click();
    await o.page.getByTestId('case-action-text').fill('整改到位，同意销号。');
    await o.page.getByTestId('case-action-submit').click();
    await waitFor(async () => (await text(o.page, 'case-detail-status')) === '已销号', 20_000, 'closed');
    await c.shot(o.page, 'ledger-case-closed');

    const after = await rateOf();
    expect(after).toBe(100);
    expect(after).not.toBe(before);
    await go(o.page, '/ledger?tab=statistics&by=county');
    await o.page.getByTestId('stats-chart').waitFor();
    await waitFor(async () => (await text(o.page, 'stats-rate-320724')) === '100.0%', 20_000, 'closure rate shown');
    await c.shot(o.page, 'ledger-statistics');
    expect(o.errors).toEqual([]);
    await o.context.close();

    // Auditing marks the finding rectified once grievance has closed its case.
    await waitFor(async () => (await c.h.call('GET', `/auditing/engagements/outgoing-${EID}-${village}`, { token: org })).body.seriousOpen === 0, 30_000, 'finding rectified');
  });
});
