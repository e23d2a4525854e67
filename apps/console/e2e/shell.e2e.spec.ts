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

  it('keeps the session in an HttpOnly SameSite=Strict cookie, nothing in storage; logout ends it on the server', async () => {
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'civil_affairs');
    const session = (await context.cookies()).find((k) => k.name === 'lw_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // A string: the test's TypeScript has no DOM types.
    const visible = (await page.evaluate('({ cookie: document.cookie, local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) })')) as Record<string, string>;
    expect(visible.cookie).not.toContain(session.value);
    expect(visible.local + visible.session).not.toContain(session.value.slice(0, 20));
    // A reload stays logged in (the cookie, not page state).
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    // The old session is dead on the server, not just forgotten by the page.
    const stale = await c.h.call('GET', '/auth/me', { headers: { cookie: `lw_session=${session.value}` } });
    expect(stale.status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the password in the 修改密码 dialog; the other login of the account ends', async () => {
    const other = await c.h.login('review_dept');
    const { page, context, errors } = await c.newPage();
    await c.loginAs(page, 'review_dept');
    await page.getByTestId('change-password').click();
    await page.getByTestId('password-current').fill(c.h.s.demoPassword);
    await page.getByTestId('password-new').fill('review-dept-secret-2026');
    await page.getByTestId('password-confirm').fill('review-dept-secret-2026');
    await page.getByTestId('password-submit').click();
    await page.getByText('密码已修改，其他地方的登录已失效').waitFor();
    expect((await c.h.call('GET', '/auth/me', { token: other })).status).toBe(401);
    // This browser's session goes on.
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
