import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Writable } from 'stream';
import { createTestDatabase, HttpClient, type HttpAnswer, type HttpCallOptions, type TestDatabase } from '@lw/testing';
import { createLogger, loadConfig, type ServiceKernel } from '@lw/runtime';
import { startStandalone, type Standalone } from './standalone';

/**
 * The whole product in embedded mode on a fresh test database, with every log line captured, so a
 * test can look for a reporter's name in what was logged. Logs at trace level: the most there is.
 */
export interface TiplineHarness {
  s: Standalone;
  db: TestDatabase;
  logs: string[];
  tipline: ServiceKernel;
  login(username: string): Promise<string>;
  call(method: string, path: string, opts?: HttpCallOptions): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<TiplineHarness> {
  const db = await createTestDatabase('tipline');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-tipline-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  // Low hash cost and no submission cap: every request of the suite comes from 127.0.0.1.
  Object.assign(process.env, { TIPLINE_RECEIPT_HASH_COST: '12', TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0', ...env });
  const config = loadConfig({ TRUST_PROXY: env.TRUST_PROXY, DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'trace' }, 'embedded');
  const s = await startStandalone({ config, logger: createLogger({ service: 'test', level: 'trace', destination: sink }) });
  const tipline = s.kernels.find((k) => k.name === 'tipline')!;
  const http = new HttpClient(s.url);
  return {
    s,
    db,
    logs,
    tipline,
    call: (method, path, opts) => http.call(method, path, opts),
    async login(username) {
      const r = await http.call('POST', '/auth/login', { json: { username, password: s.demoPassword } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
      return r.body.token;
    },
    async stop() {
      await s.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
