import { PgIdentityStore } from '@lw/auth';
import type { Page } from 'playwright-core';
import { publicNoticeStarted, waitFor } from '@lw/testing';
import { DESKTOP, PHONE, startConsoleHarness, type ConsoleHarness } from './browser';

// The public tip page on a phone and the tip inbox on a desktop: a member of the public files a
// real-name tip and gets the receipt code once; a discipline official asks to see the reporter
// (confirmed, with a reason), a second one approves, the first sees the identity once; then accepts,
// assigns, concludes and feeds the result back; the phone reads the feedback by receipt code. The
// township's discipline staff see the tip assigned to its unit; the township committee (which
// supervises the accused) and org_dept see figures only. Jest's expect with
// locator.waitFor (no web-first assertions).
const SUBJECT = '冯测甲';
const REPORTER = { name: '褚实名', phone: '13800001234' };
const FEEDBACK = '经核实，反映的问题属实，已责令退还并给予党内警告处分。';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Opens an Ant Design select and picks the visible option with this text (or the first). */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-item-option:visible').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
  await option.waitFor({ state: 'hidden' });
}

describe('public tip page and tip inbox (browser)', () => {
  let c: ConsoleHarness;
  let village: string;
  let villageName: string;
  let townshipName: string;
  let receiptCode = '';
  let tipPath = '';

  beforeAll(async () => {
    c = await startConsoleHarness();
    village = c.h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const names = await c.h.db.pool('hierarchy').query<{ code: string; name: string }>('SELECT DISTINCT code, name FROM divisions WHERE code = ANY($1)', [[village, village.slice(0, 9)]]);
    villageName = names.rows.find((r) => r.code === village)!.name;
    townshipName = names.rows.find((r) => r.code !== village)!.name;
    // The approver: a second discipline official of the county (the demo has one).
    const county = c.h.s.accounts.find((a) => a.username === 'discipline')!.node;
    const identity = new PgIdentityStore(c.h.db.pool('auth', 1));
    await identity.createUser({ username: 'discipline_b', displayName: '县纪委监委（审批）', password: c.h.s.demoPassword, roles: ['discipline'], node: county });
    // The township's discipline staff: the unit a village cadre's tip is assigned to.
    const townshipNode = c.h.s.accounts.find((a) => a.username === 'township')!.node;
    await identity.createUser({ username: 'discipline_town', displayName: '镇纪委', password: c.h.s.demoPassword, roles: ['discipline'], node: townshipNode });
    const day = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
    await c.h.tipline.bus.publish([
      publicNoticeStarted({ noticeId: 'n-browser', villageCode: village, startsOn: day(-1), endsOn: day(4), candidates: [{ candidateId: 'c-b1', name: '卫候选', post: '村党组织书记' }] }),
    ]);
    await waitFor(async () => (await c.h.db.pool('tipline').query(`SELECT 1 FROM public_notices WHERE notice_id = 'n-browser'`)).rowCount === 1, 30_000, 'notice consumed');
  }, 240_000);
  afterAll(() => c?.stop(), 60_000);

  it('on a phone, files a real-name tip with evidence and shows the receipt code once, with the warning', async () => {
    const { page, context, errors } = await c.newPage(PHONE);
    await page.goto(`${c.url}/tip/`);
    await page.getByTestId('tip-nav-report').waitFor();
    await c.shot(page, 'tip-01-home-phone');
    await page.getByTestId('tip-nav-report').click();
    await page.getByTestId('tip-category').waitFor();
    await pick(page, 'tip-category', '侵占集体资金');
    await page.getByTestId('tip-subject-name').fill(SUBJECT);
    await page.getByTestId('tip-subject-post').fill('村委会委员');
    await pick(page, 'tip-township', townshipName);
    await page.waitForFunction(`!document.querySelector('[data-testid="tip-village"]')?.className.includes('disabled')`);
    await pick(page, 'tip-village', villageName);
    await page.getByTestId('tip-text').fill(`${SUBJECT}挪用村集体土地补偿款 3 万元，用于个人开支。`);
    await page.locator('input[type=file]').setInputFiles({ name: '收据.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('收据.png').waitFor();
    await page.getByTestId('tip-reporter-name').fill(REPORTER.name);
    await page.getByTestId('tip-reporter-phone').fill(REPORTER.phone);
    await c.shot(page, 'tip-02-form-phone');
    await page.getByTestId('tip-submit').click();

    await page.getByTestId('receipt-code').waitFor({ timeout: 30_000 });
    receiptCode = (await page.getByTestId('receipt-code').innerText()).trim();
    expect(receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    const warning = await page.getByTestId('receipt-warning').innerText();
    expect(warning).toContain('请妥善保存查询码，遗失无法找回');
    expect(warning).toContain('只显示这一次');
    expect(page.url()).not.toContain(receiptCode.slice(0, 4) + '-'); // never in the URL
    await c.shot(page, 'tip-03-receipt-phone');
    // Leaving needs the reporter's word that the code is saved.
    expect(await page.getByTestId('receipt-to-status').isDisabled()).toBe(true);
    await page.getByTestId('receipt-saved').click();
    expect(await page.getByTestId('receipt-to-status').isDisabled()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets a discipline official see the reporter only after a second official approves the reasoned request, then accept, conclude and feed back', async () => {
    const { page, context, errors } = await c.newPage(DESKTOP);
    await c.loginAs(page, 'discipline');
    const row = page.locator('tr', { hasText: SUBJECT });
    await waitFor(async () => {
      await page.goto(`${c.url}/console/tips`);
      await page.getByTestId('tips-filter-status').waitFor();
      await page.locator('.ant-table-row').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      return (await row.count()) > 0;
    }, 30_000, 'the tip in the inbox');
    expect(await row.innerText()).toContain('受理告知');
    await c.shot(page, 'tip-04-inbox-discipline');
    await row.getByTestId('tip-open').click();
    await page.getByTestId('tip-status').waitFor();
    tipPath = new URL(page.url()).pathname;
    expect(await page.getByTestId('tip-status').innerText()).toBe('已接收');
    expect(await page.getByTestId('deadline-remaining-acceptance').innerText()).toMatch(/剩余 \d+ 个工作日|今日截止/);
    expect(await page.getByText(REPORTER.name).count()).toBe(0); // not before the approved request

    // A request: confirm + a reason first; then it waits for a second official.
    await page.getByTestId('reveal-reporter').click();
    await page.getByTestId('reveal-reason').waitFor();
    expect(await page.getByTestId('reveal-confirm').isDisabled()).toBe(true);
    await page.getByTestId('reveal-reason').fill('核实需要联系举报人补充证据');
    expect(await page.getByTestId('reveal-confirm').isDisabled()).toBe(true);
    await page.getByTestId('reveal-ack').click();
    await c.shot(page, 'tip-05-reveal-confirm');
    await page.getByTestId('reveal-confirm').click();
    await page.getByTestId('reveal-pending').waitFor();
    expect(await page.getByTestId('reveal-approve').count()).toBe(0); // no approving one's own request
    expect(await page.getByText(REPORTER.name).count()).toBe(0);

    // The second official sees the pending request on the same tip and approves it.
    const second = await c.newPage(DESKTOP);
    await c.loginAs(second.page, 'discipline_b');
    await second.page.goto(`${c.url}${tipPath}`);
    await second.page.getByTestId('reveal-requests').getByText('核实需要联系举报人补充证据').waitFor();
    await c.shot(second.page, 'tip-05b-reveal-approval');
    await second.page.getByTestId('reveal-approve').click();
    await second.page.getByTestId('reveal-requests').waitFor({ state: 'detached' });
    expect(await second.page.getByText(REPORTER.name).count()).toBe(0); // approving shows nothing
    expect(second.errors).toEqual([]);
    await second.context.close();

    // The requester reveals, once.
    await page.reload();
    await page.getByTestId('reveal-show').click();
    await page.getByTestId('reporter-identity').waitFor();
    const identity = await page.getByTestId('reporter-identity').innerText();
    expect(identity).toContain(REPORTER.name);
    expect(identity).toContain(REPORTER.phone);
    await c.shot(page, 'tip-06-reporter-revealed');

    const step = async (action: string, status: string, fill?: () => Promise<void>) => {
      await page.getByTestId(`action-${action}`).click();
      await page.getByTestId('action-ok').waitFor();
      if (fill) await fill();
      await page.getByTestId('action-ok').click();
      await page.getByTestId('tip-status').filter({ hasText: status }).waitFor();
    };
    await step('accept', '已受理');
    expect(await page.getByTestId('deadline-remaining-conclusion').innerText()).toMatch(/剩余 \d+ 天/);
    await step('assign', '已交办');
    await step('conclude', '已办结', async () => {
      await page.getByRole('radio', { name: '属实', exact: true }).check();
      await page.getByTestId('action-summary').fill('经查属实，已责令退还。');
    });
    await step('messages', '已反馈', async () => {
      await page.getByTestId('action-text').fill(FEEDBACK);
    });
    await page.getByTestId('tip-timeline').getByText('查看举报人身份').first().waitFor();
    await c.shot(page, 'tip-07-concluded-feedback');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('on the phone again, the status page by receipt code shows the result and the feedback, and takes a reply', async () => {
    const { page, context, errors } = await c.newPage(PHONE);
    await page.goto(`${c.url}/tip/#/status`);
    await page.getByTestId('status-code').fill(receiptCode.toLowerCase());
    await page.getByTestId('status-submit').click();
    await page.getByTestId('status-finding').waitFor();
    expect(await page.getByTestId('status-label').innerText()).toBe('已反馈');
    expect(await page.getByTestId('status-finding').innerText()).toContain('属实');
    expect(await page.getByTestId('status-messages').innerText()).toContain(FEEDBACK);
    expect(page.url()).not.toContain(receiptCode.slice(5, 9));
    await c.shot(page, 'tip-08-status-feedback-phone');
    await page.getByTestId('reply-text').fill('感谢办理，已知悉。');
    await page.getByTestId('reply-submit').click();
    await page.getByTestId('status-message-reply').waitFor();
    await c.shot(page, 'tip-09-status-replied-phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows the township’s discipline staff the tip assigned to its unit; the township committee and org_dept figures only, without identity buttons', async () => {
    const d = await c.newPage(DESKTOP);
    await c.loginAs(d.page, 'discipline_town');
    await d.page.goto(`${c.url}${tipPath}`);
    await d.page.getByTestId('tip-text').waitFor(); // assigned to its unit: the content
    expect(await d.page.content()).not.toContain(REPORTER.name);
    await d.page.goto(`${c.url}/console/tips`);
    await d.page.locator('tr', { hasText: SUBJECT }).waitFor();
    const [file] = await Promise.all([d.page.waitForEvent('download'), d.page.getByTestId('tips-export').click()]);
    expect(file.suggestedFilename()).toBe('信访举报台账.xlsx');
    expect(d.errors).toEqual([]);
    await d.context.close();

    // The township committee supervises the cadre reported: figures only, even of the tip its township's unit handles.
    const t = await c.newPage(DESKTOP);
    await c.loginAs(t.page, 'township');
    await t.page.goto(`${c.url}${tipPath}`);
    await t.page.getByTestId('tip-statistics-only').waitFor();
    expect(await t.page.getByTestId('tip-text').count()).toBe(0);
    expect(await t.page.getByTestId('reveal-reporter').count()).toBe(0);
    expect(await t.page.getByTestId('action-close').count()).toBe(0);
    expect(await t.page.content()).not.toContain(REPORTER.name);
    expect(await t.page.content()).not.toContain(SUBJECT);
    await t.page.goto(`${c.url}/console/tips`);
    await t.page.getByTestId('tips-statistics-only').waitFor();
    expect(await t.page.getByTestId('tips-export').count()).toBe(0);
    expect(await t.page.content()).not.toContain(SUBJECT);
    expect(t.errors).toEqual([]);
    await t.context.close();

    const { page, context, errors } = await c.newPage(DESKTOP);
    await c.loginAs(page, 'org_dept');
    await page.goto(`${c.url}${tipPath}`);
    await page.getByTestId('tip-statistics-only').waitFor();
    expect(await page.getByTestId('reveal-reporter').count()).toBe(0);
    expect(await page.getByText('查看举报人身份').count()).toBe(0);
    expect(await page.getByTestId('action-close').count()).toBe(0);
    expect(await page.content()).not.toContain(REPORTER.name);
    expect(await page.content()).not.toContain(SUBJECT);
    await c.shot(page, 'tip-10-org-dept-statistics-only');

    // The tips page: figures only, no inbox and no export.
    await page.goto(`${c.url}/console/tips`);
    await page.getByTestId('tips-statistics-only').waitFor();
    expect(await page.getByTestId('tips-export').count()).toBe(0);
    await page.getByTestId('tips-tab-stats').click();
    await page.getByTestId('stats-sentence').waitFor();
    expect(await page.getByTestId('stats-sentence').innerText()).toMatch(/共接到各类信访举报 \d+ 件/);
    await page.locator('[data-testid="stats-chart"] canvas').waitFor();
    await c.shot(page, 'tip-11-statistics');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('lets the discipline commission erase the reporter\'s identity for good, after a reason and a typed confirmation', async () => {
    const { page, context, errors } = await c.newPage(DESKTOP);
    await c.loginAs(page, 'discipline');
    await page.goto(`${c.url}${tipPath}`);
    await page.getByTestId('erase-reporter').click();
    await page.getByTestId('erase-reason').fill('办结满五年，依规销毁举报人信息');
    expect(await page.getByTestId('erase-confirm').isDisabled()).toBe(true); // not without the typed word
    await page.getByTestId('erase-word').fill('销毁');
    await page.getByTestId('erase-confirm').click();
    await page.getByText('举报人身份信息已依规销毁。').waitFor();
    expect(await page.getByTestId('reveal-reporter').count()).toBe(0);
    await c.shot(page, 'tip-14-identity-erased');
    // The server, not only the page: the identity can no longer be read by anyone.
    const tipId = tipPath.split('/').pop()!;
    const token = await c.h.login('discipline');
    const read = await c.h.call('POST', `/tipline/tips/${tipId}/reporter`, { token, json: {} });
    expect(read.status).toBeGreaterThanOrEqual(400);
    expect(read.raw).not.toContain(REPORTER.name);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('lists candidates under notice on a phone, and an objection prefills the form, without JavaScript errors', async () => {
    const { page, context, errors } = await c.newPage(PHONE);
    await page.goto(`${c.url}/tip/`);
    await page.getByTestId('tip-nav-notices').click();
    await page.getByTestId('notice-row').filter({ hasText: '卫候选' }).waitFor();
    const row = await page.getByTestId('notice-row').filter({ hasText: '卫候选' }).innerText();
    expect(row).toContain('村党组织书记');
    expect(row).toMatch(/公示截止：\d{4}-\d{2}-\d{2}/);
    await c.shot(page, 'tip-12-notices-phone');
    await page.getByTestId('notice-row').filter({ hasText: '卫候选' }).getByTestId('notice-object').click();
    await page.getByTestId('objection-banner').waitFor();
    expect(await page.getByTestId('tip-subject-name').inputValue()).toBe('卫候选');
    await c.shot(page, 'tip-13-objection-form-phone');
    await page.getByTestId('tip-home').click();
    await page.getByTestId('tip-nav-status').click();
    await page.getByTestId('status-code').waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width); // no sideways scrolling at 375 px
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
