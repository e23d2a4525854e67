import { join } from 'path';
import { Worker } from 'worker_threads';
import { Client, Pool } from 'pg';
import { TEST_PG_URL } from '@lw/testing';
import { call, ok } from './http';
import { PASSWORD, type AttackProduct, type AttackProductOptions } from './product';
import type { RouteInfo } from './routes';

/** What the fuzzing needs of the product, whether it runs in this thread or in a worker. */
export type ProductHandle = Pick<AttackProduct, 'pool' | 'dataDir' | 'keyDir' | 'embeddedDatabase' | 'townshipA' | 'townshipB' | 'users' | 'call' | 'ok' | 'login'> & {
  routes: RouteInfo[];
  /** Every log line the product wrote so far (trace level). */
  logs(): Promise<string[]>;
  stop(): Promise<void>;
};

/**
 * The product in a worker thread of this process. A request that drives the product into a loop
 * that never yields (issue 14 H3) then blocks the worker's event loop, not the test's: the test's
 * own timers still fire, the hang is reported as a failure, and the worker is terminated.
 */
export async function startProductInWorker(env: Record<string, string> = {}, options: AttackProductOptions = {}): Promise<ProductHandle> {
  // Also where the embedded PostgreSQL can start: its package is an ES module, which Jest's VM cannot import.
  const worker = new Worker(join(__dirname, 'product-worker.js'), { workerData: { env, options } });
  const ready = await new Promise<any>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`product worker exited (${code}) before it was ready`)));
    worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ready') resolve(m);
      if (m.type === 'error') reject(new Error(m.message));
    });
  });
  const pool = new Pool({ connectionString: ready.databaseUrl, max: 4, application_name: 'attack:probe' });
  pool.on('error', () => undefined);
  const base: string = ready.url;
  return {
    pool,
    dataDir: ready.dataDir,
    keyDir: ready.keyDir,
    embeddedDatabase: ready.embeddedDatabase,
    townshipA: ready.townshipA,
    townshipB: ready.townshipB,
    users: ready.users,
    routes: ready.routes,
    call: (method, path, opts) => call(base, method, path, opts),
    ok: (method, path, opts) => ok(base, method, path, opts),
    logs: () =>
      new Promise<string[]>((resolve) => {
        const on = (m: { type: string; logs?: string[] }) => {
          if (m.type !== 'logs') return;
          worker.off('message', on);
          resolve(m.logs ?? []);
        };
        worker.on('message', on);
        worker.postMessage({ type: 'logs' });
      }),
    login: async (username) => (await ok(base, 'POST', '/auth/login', { json: { username, password: PASSWORD } })).token,
    async stop() {
      await pool.end().catch(() => undefined);
      // A clean stop if the worker still answers; otherwise terminate it and drop its database from here.
      const stopped = new Promise<boolean>((resolve) => {
        worker.on('message', (m: { type: string }) => m.type === 'stopped' && resolve(true));
        setTimeout(() => resolve(false), 30_000).unref();
      });
      worker.postMessage({ type: 'stop' });
      const clean = await stopped;
      await worker.terminate();
      if (!clean && !ready.embeddedDatabase) {
        const admin = new Client({ connectionString: TEST_PG_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${ready.databaseName} WITH (FORCE)`).finally(() => admin.end());
      }
    },
  };
}
