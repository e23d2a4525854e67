// The public tip page (/tip/) as a phone loads it: a 375 px Chromium viewport, a fresh browser
// context per load (cold cache), embedded mode. Against a static plain HTML page of the same origin
// and server with the same first-screen text (no script): what the page costs beyond the network and
// the browser's own work. Measured twice: on the loopback (the app's own cost) and under a slow-4G
// phone profile (Lighthouse's mobile throttling: 150 ms RTT, 1.6 Mbit/s down, 4× CPU slowdown).
import { execFile } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { Public } from '@lw/auth';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone } from '@lw/standalone';
import { createTestDatabase } from '@lw/testing';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

const PLAIN_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="icon" href="data:," /><title>举报与查询 · 两委监督</title>
<style>body{margin:0;font-family:sans-serif;background:#f5f6f8}header{background:#b71c1c;color:#fff;padding:14px 16px}
h1{font-size:18px;margin:0}.c{background:#fff;border:1px solid #e8e8e8;border-radius:10px;padding:16px;margin:12px}</style></head>
<body><header><h1>监督举报</h1></header>
<p style="margin:8px 16px">村（社区）“两委”成员违纪违规、换届选举中的拉票贿选等问题，均可在此实名或匿名举报。</p>
<div class="c" id="first"><b>我要举报</b><br />填写举报内容，可上传证据材料；提交后获得查询码</div>
<div class="c"><b>查询办理进度</b><br />凭查询码查看受理、办理情况和答复，补充材料或回复</div>
<div class="c"><b>候选人公示</b><br />查看正在公示的村（社区）“两委”候选人，对候选人提出异议</div>
</body></html>`;

/** The baseline page: static HTML from the same server and origin. */
@Controller('bench')
class PlainPageController {
  @Get('plain.html')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  plain(): string {
    return PLAIN_HTML;
  }
}

@Module({ controllers: [PlainPageController] })
class PlainPageModule {}

const VIEWPORT = { width: 375, height: 812 };
const SLOW_4G = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, offline: false };
const CPU_SLOWDOWN = 4;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Largest contentful paint, observed from the first byte of the document on. */
const LCP_OBSERVER = `
  window.__lcp = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = Math.max(window.__lcp, e.startTime); })
    .observe({ type: 'largest-contentful-paint', buffered: true });
`;

interface Load {
  /** When the page became usable: the tip page's `tip-interactive` mark (React mounted); for the plain page, DOMContentLoaded. */
  interactive: number;
  dcl: number;
  load: number;
  lcp: number;
  bytes: number;
  errors: number;
}

async function coldLoad(browser: Browser, url: string, ready: string, throttled: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    let errors = 0;
    page.on('pageerror', () => errors++);
    page.on('console', (m) => {
      if (m.type() === 'error') errors++;
    });
    await page.addInitScript(LCP_OBSERVER);
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    await page.goto(url, { waitUntil: 'load' });
    await page.locator(ready).waitFor();
    // LCP settles after the first screen paints; give the observer a frame or two.
    await page.waitForTimeout(throttled ? 500 : 200);
    const m = await page.evaluate<{ interactive: number; dcl: number; load: number; lcp: number; bytes: number }>(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const mark = performance.getEntriesByName('tip-interactive')[0];
      return {
        interactive: mark ? mark.startTime : nav.domContentLoadedEventEnd,
        dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        lcp: window.__lcp,
        bytes: nav.transferSize + res.reduce((s, r) => s + (r.transferSize || 0), 0),
      };
    })()`);
    return { ...m, errors };
  } finally {
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function series(browser: Browser, url: string, ready: string, throttled: boolean, n: number) {
  const loads: Load[] = [];
  for (let i = 0; i < n; i++) loads.push(await coldLoad(browser, url, ready, throttled));
  return {
    interactive: median(loads.map((l) => l.interactive)),
    dcl: median(loads.map((l) => l.dcl)),
    load: median(loads.map((l) => l.load)),
    lcp: median(loads.map((l) => l.lcp)),
    bytes: median(loads.map((l) => l.bytes)),
    errors: loads.reduce((s, l) => s + l.errors, 0),
  };
}

export const consoleBench: BenchSuite = async (ctx: BenchContext): Promise<BenchFigure[]> => {
  // The built console (Vite is ESM: built in a child process, as the browser tests do).
  await promisify(execFile)(process.execPath, [join(__dirname, '..', '..', '..', 'apps', 'console', 'scripts', 'build.js')], { timeout: 300_000 });
  const db = await createTestDatabase('benchconsole');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-'));
  let s: Awaited<ReturnType<typeof startStandalone>> | undefined;
  let browser: Browser | undefined;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent' }, 'embedded');
    s = await startStandalone({ config, logger: createLogger({ service: 'bench', level: 'silent' }), extra: [PlainPageModule] });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const n = Math.max(5, Math.round(20 * ctx.scale));
    const tip = `${s.url}/tip/`;
    const plain = `${s.url}/bench/plain.html`;
    // Warm-up: the server's first requests (file reads, JIT), not measured.
    await coldLoad(browser, tip, '[data-testid="tip-nav-report"]', false);
    await coldLoad(browser, plain, '#first', false);
    ctx.log(`${n} cold loads each at 375 px: /tip/ and the plain page, loopback then slow 4G + ${CPU_SLOWDOWN}× CPU`);
    const ours = await series(browser, tip, '[data-testid="tip-nav-report"]', false, n);
    const base = await series(browser, plain, '#first', false, n);
    const oursSlow = await series(browser, tip, '[data-testid="tip-nav-report"]', true, n);
    const baseSlow = await series(browser, plain, '#first', true, n);
    ctx.log(
      `loopback: DCL ${ours.dcl.toFixed(0)} ms, load ${ours.load.toFixed(0)} ms, LCP ${ours.lcp.toFixed(0)} ms, usable ${ours.interactive.toFixed(0)} ms, ${ours.bytes} B; ` +
        `slow 4G: LCP ${oursSlow.lcp.toFixed(0)} ms, load ${oursSlow.load.toFixed(0)} ms, usable ${oursSlow.interactive.toFixed(0)} ms`,
    );
    const errors = ours.errors + oursSlow.errors;
    if (errors > 0) throw new Error(`the public page raised ${errors} JavaScript errors over ${2 * n} loads`);
    const ms = (v: number) => Math.round(v * 10) / 10;
    const label = 'static plain HTML page, same origin and server, same first-screen text';
    const fig = (name: string, o: number, b: number, unit: string, note?: string): BenchFigure => ({
      name,
      ours: { value: ms(o), unit, higherIsBetter: false },
      baseline: { label, value: ms(b), unit, higherIsBetter: false },
      ...(note ? { note } : {}),
    });
    return [
      fig(`/tip/ at 375 px, time to DOMContentLoaded, median of ${n} cold loads (loopback)`, ours.dcl, base.dcl, 'ms', `JavaScript errors over all ${2 * n} loads of /tip/: ${errors}.`),
      fig(`/tip/ at 375 px, load event, median of ${n} cold loads (loopback)`, ours.load, base.load, 'ms'),
      fig(
        `/tip/ at 375 px, largest contentful paint, median of ${n} cold loads (loopback)`,
        ours.lcp,
        base.lcp,
        'ms',
        'The first screen is static HTML with inline CSS in tip/index.html (React replaces it with the same markup); Ant Design, the form, the status page and the notice list load when opened.',
      ),
      fig(`/tip/ at 375 px, usable (React mounted, \`tip-interactive\` mark), median of ${n} cold loads (loopback)`, ours.interactive, base.interactive, 'ms', 'Baseline: the plain page\'s DOMContentLoaded (it has no script).'),
      fig(`/tip/ at 375 px, bytes transferred for the first screen (loopback)`, ours.bytes, base.bytes, 'B', 'Gzipped by the embedded host (as nginx does behind the ingress).'),
      fig(`/tip/ at 375 px, DOMContentLoaded under slow 4G (150 ms RTT, 1.6 Mbit/s) and ${CPU_SLOWDOWN}× CPU slowdown, median of ${n}`, oursSlow.dcl, baseSlow.dcl, 'ms'),
      fig(
        `/tip/ at 375 px, largest contentful paint under slow 4G and ${CPU_SLOWDOWN}× CPU slowdown, median of ${n}`,
        oursSlow.lcp,
        baseSlow.lcp,
        'ms',
        `The phone target is < 2,000 ms; load event under the same profile: ${Math.round(oursSlow.load)} ms (plain page ${Math.round(baseSlow.load)} ms).`,
      ),
      fig(
        `/tip/ at 375 px, usable (React mounted) under slow 4G and ${CPU_SLOWDOWN}× CPU slowdown, median of ${n}`,
        oursSlow.interactive,
        baseSlow.interactive,
        'ms',
        'Until then the static first screen shows with its buttons disabled while the script (React and the page, gzipped) arrives.',
      ),
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await s?.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
