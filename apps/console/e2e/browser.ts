// The browser tests' harness: the whole product in embedded mode on a fresh database (serving the
// built console), and Debian's Chromium driven by playwright-core. Screenshots go to
// test-artifacts/console/ (kept by CI as the tests' artifacts; not committed).
import { mkdirSync } from 'fs';
import { join } from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildConsole } from '@lw/standalone/src/console-build';
import { startHarness, type TiplineHarness } from '@lw/standalone/src/test-harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'console');

/** The env notes' flags: this machine's network is closed, so no background connections. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];


export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1440, height: 900 };

export interface ConsoleHarness {
  h: TiplineHarness;
  browser: Browser;
  url: string;
  /** A fresh context (no shared login) and page; JavaScript errors are collected in `errors`. */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  /** Opens a console path (the home page by default), logs in there through the login form as a demo account and waits for the shell. */
  loginAs(page: Page, username: string, path?: string): Promise<void>;
  shot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  await buildConsole();
  const h = await startHarness(env);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    await h.stop();
    throw new Error(`Chromium did not start (${CHROMIUM}; apt-get install chromium): ${(err as Error).message}`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const url = h.s.url;
  return {
    h,
    browser,
    url,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      // A CSP violation (the pages' policy, libs/runtime/src/nest/security-headers.ts) fails the test like a JavaScript error.
      await context.addInitScript(
        "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
      );
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`);
      });
      return { page, context, errors };
    },
    async loginAs(page, username, path = '/') {
      await page.goto(`${url}/console${path}`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(h.s.demoPassword);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('current-user').waitFor();
    },
    async shot(page, name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await h.stop();
    },
  };
}
