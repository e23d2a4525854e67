import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SERVICES } from '@lw/runtime';
import { HttpClient } from '@lw/testing';
import { buildConsole } from './console-build';

// What `npm start` does on a machine with no database server configured: the embedded
// PostgreSQL from the npm package, the demo county, the four services' health. Run as the real
// entry point in a child process, then stopped with SIGTERM like an operator would.
const root = join(__dirname, '..', '..', '..');
/** Reaches the full URLs the host prints. */
const web = new HttpClient('');

describe('npm start (embedded mode, no external server)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    // `npm start` builds the console's static files first (Nx: a cache hit unless changed), then starts the host.
    await buildConsole();
    dataDir = mkdtempSync(join(tmpdir(), 'lw-embedded-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.LW_MODE;
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/standalone/src/main.ts'], { cwd: root, env });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 150_000);
      const check = () => {
        if (/ready in/.test(output) && /demo accounts/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs on the embedded PostgreSQL and prints where to go', () => {
    expect(output).toMatch(/embedded PostgreSQL/);
    expect(output).toMatch(/灌南县 320724 \(11 townships, 238 villages\)/);
  });

  it('serves health on all four services', async () => {
    for (const name of SERVICES) {
      const url = output.match(new RegExp(`(http://[^\\s]+/${name}/health)`))?.[1];
      expect(url).toBeDefined();
      const res = await web.call('GET', url!);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ service: name, status: 'ok' });
    }
  });

  it('serves the console and the public tip page at the printed URLs', async () => {
    const consoleUrl = output.match(/console\s+: (http:\/\/\S+\/console\/)/)?.[1];
    const publicUrl = output.match(/public page : (http:\/\/\S+\/tip\/)/)?.[1];
    expect(consoleUrl).toBeDefined();
    expect(publicUrl).toBeDefined();
    for (const url of [consoleUrl!, `${consoleUrl}villages/320724100000`, publicUrl!]) {
      const res = await web.call('GET', url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache'); // a new build is picked up at once
      expect(res.raw).toMatch(/<div id="root">/);
    }
    const html = (await web.call('GET', consoleUrl!)).raw;
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const js = await web.call('GET', new URL(asset!, consoleUrl).href);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toMatch(/immutable/); // names carry a content hash
    expect(js.headers.get('content-encoding')).toBe('gzip'); // a third of the bytes on a phone's link
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
