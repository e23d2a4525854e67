import { execFile } from 'child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { Client } from 'pg';

const run = promisify(execFile);
/** The newest installed server's binaries (Debian keeps one folder per major version). */
const BIN =
  process.env.PG_BIN_DIR ??
  `/usr/lib/postgresql/${(() => {
    try {
      return readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).pop() ?? '15';
    } catch {
      return '15';
    }
  })()}/bin`;

/**
 * A PostgreSQL cluster of the test's own, so it can be stopped and started while the shared server
 * on 5432 (which other suites use concurrently) is never touched. Needs root (initdb runs as the
 * postgres OS user); `unavailableReason()` says why not, for a skip.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  /** The cluster's data folder (PGDATA): every byte in it is this test's. */
  dataDir: string;
  createDatabase(name: string): Promise<string>;
  /** pg_ctl stop -m fast: every session is terminated (57P01), new connections refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export function privatePostgresUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: initdb must run as the postgres OS user (runuser)';
  return null;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-private-pg-'));
  const data = join(dir, 'data');
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  const asPostgres = (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { cwd: dir });
  await asPostgres('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync off: the data is thrown away after the test; a fast restart is what matters here.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
  const ctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  const start = async () => void (await ctl('-o', opts, '-l', join(dir, 'server.log'), 'start'));
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    dataDir: data,
    async createDatabase(name) {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => void (await ctl('-m', 'fast', 'stop')),
    start,
    async destroy() {
      await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
