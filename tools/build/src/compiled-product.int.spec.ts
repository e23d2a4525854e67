import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTestDatabase, HttpClient, type TestDatabase } from '@lw/testing';
import { deployable, packageDeployable } from './package-deployable';
import { transpileProject } from './transpile';
import { ROOT, workspacePackages } from './workspace';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

// The production build: the product compiled to JavaScript (no TypeScript at run time) and
// packaged as its image would hold it, started and used. Third-party packages come from the
// repository's node_modules here; `npm run footprint` installs the pruned production set instead.
describe('the compiled product', () => {
  let db: TestDatabase;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let output = '';
  let url = '';
  let files: string[] = [];

  beforeAll(async () => {
    for (const p of workspacePackages().filter((w) => /^(apps|libs)\//.test(w.root) && w.root !== 'apps/console')) await transpileProject(p.root);
    await packageDeployable({ ...deployable('standalone'), name: 'standalone-test', console: false });
    const out = join(ROOT, 'dist', 'deploy', 'standalone-test');
    files = filesUnder(out);
    db = await createTestDatabase('compiled');
    dataDir = mkdtempSync(join(tmpdir(), 'lw-compiled-'));
    child = spawn(process.execPath, ['--enable-source-maps', '.'] /* package.json main, as the image's CMD */, {
      cwd: out,
      env: {
        PATH: process.env.PATH,
        NODE_PATH: join(ROOT, 'node_modules'),
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        TIPLINE_KEY_DIR: join(dataDir, '..', `${dataDir.split('/').pop()}-keys`),
        PORT: '0',
        LOG_LEVEL: 'warn',
      },
    });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 150_000);
      child!.stdout!.on('data', () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/tipline\/health/.exec(output);
        if (m) {
          url = m[1]!;
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    rmSync(join(ROOT, 'dist', 'deploy', 'standalone-test'), { recursive: true, force: true });
  });

  it('ships JavaScript only, without specs, with a production package.json and lock', () => {
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(files.some((f) => f.endsWith('package-lock.json'))).toBe(true);
    expect(files.filter((f) => /\.spec\.js$/.test(f))).toEqual([]);
  });

  it('starts, serves every service and takes a public tip', async () => {
    const http = new HttpClient(url);
    for (const s of ['vetting', 'tipline', 'auditing', 'grievance']) expect((await http.call('GET', `/${s}/health`)).status).toBe(200);
    const form = new FormData();
    form.set('tip', JSON.stringify({ category: 'collective_funds', subjects: [{ kind: 'village', villageCode: '320724100206' }], text: '村集体资金去向不明。', anonymous: true, reporter: null }));
    const res = await http.call('POST', '/tipline/public/tips', { form });
    expect(res.status).toBe(201);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
