import { startConsoleHarness, type ConsoleHarness } from './browser';

// The console's shell: served by the embedded host, login, a menu by role.
describe('console shell (browser)', () => {
  let c: ConsoleHarness;
  beforeAll(async () => {
    c = await startConsoleHarness();
  }, 180_000);
  afterAll(() => c?.stop(), 60_000);

  it('logs in with a demo account and shows only the menu entries of its role', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'auditor');
    const menu = page.getByTestId('main-menu');
    await menu.getByText('离任审计').waitFor(); // Jest's expect: playwright-core has no web-first assertions
    expect(await menu.getByText('举报受理').count()).toBe(0); // tips are not the auditor's
    await c.shot(page, 'shell-auditor');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a wrong password with the server\'s Chinese message', async () => {
    const { page, context } = await c.newPage();
    await page.goto(`${c.url}/console/`);
    await page.getByTestId('login-username').fill('auditor');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toMatch(/[\u4e00-\u9fa5]/);
    await context.close();
  });
});
