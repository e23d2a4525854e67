import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Writable } from 'stream';
import { Pool } from 'pg';
import { PgIdentityStore, ROLES, type Role } from '@lw/auth';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone, type Standalone } from '@lw/standalone';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { call, ok, type Answer, type CallOptions } from './http';

/** The demo county of README (灌南县). */
export const COUNTY = '320724';

/** One user per role bound inside township A (the objects' township), and one per role in township B. */
export interface AttackUsers {
  /** Role → token of a user whose node contains township A's objects (county, township A, or village A1). */
  inScope: Record<Role, string>;
  /** Role → token of a user of the same role bound to township B (or a village of it). */
  otherTownship: Record<Role, string>;
  /** A second discipline official of the county, to approve what the first asks (reveals). */
  secondDiscipline: string;
}

export interface AttackProduct {
  s: Standalone;
  db: TestDatabase;
  /** A superuser connection to the product's database, for row counts and sweeps. */
  pool: Pool;
  dataDir: string;
  /**
   * Where the tip line's master key and key ring live (TIPLINE_KEY_DIR), outside the data folder;
   * set only in embedded-database mode (elsewhere the product's default applies).
   */
  keyDir?: string;
  /** True when the product runs its own PostgreSQL under DATA_DIR/pg (every table page and WAL in the data folder). */
  embeddedDatabase: boolean;
  /** Every log line the product wrote (trace level: the most there is). */
  logs: string[];
  townshipA: { code: string; name: string; villages: string[] };
  townshipB: { code: string; name: string; villages: string[] };
  users: AttackUsers;
  /** A fresh token for an account of the suite (`attack_<role>_a`, `attack_<role>_b`). */
  login(username: string): Promise<string>;
  call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
  ok(method: string, path: string, opts?: CallOptions): Promise<any>;
  stop(): Promise<void>;
}

export const PASSWORD = 'attack-suite-password';

/**
 * The whole product in embedded mode, in this process, on a fresh test database, as the e2e suites
 * start it (apps/standalone/src/test-harness.ts), with the data folder and the log lines kept for
 * the privacy sweep, and users of every role in two townships.
 */
export interface AttackProductOptions {
  /**
   * No DATABASE_URL: the product starts its embedded PostgreSQL under DATA_DIR/pg, so the data folder
   * holds the table pages and WAL an attacker holding it would have (issue 14 H4). The master key and
   * the key ring go to a temporary TIPLINE_KEY_DIR outside the data folder.
   */
  embeddedDatabase?: boolean;
}

export async function startAttackProduct(env: Record<string, string> = {}, options: AttackProductOptions = {}): Promise<AttackProduct> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-attack-'));
  const keyDir = options.embeddedDatabase ? mkdtempSync(join(tmpdir(), 'lw-attack-keys-')) : undefined;
  if (keyDir) env = { TIPLINE_KEY_DIR: keyDir, ...env };
  let db: TestDatabase | undefined = options.embeddedDatabase ? undefined : await createTestDatabase('attack');
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  // A cheap receipt hash and no submission cap: the suites send many public requests from loopback.
  Object.assign(process.env, { TIPLINE_RECEIPT_HASH_COST: '10', TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0', DEMO_PASSWORD: PASSWORD, ...env });
  const config = loadConfig({ DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}), PORT: '0', LOG_LEVEL: 'trace' }, 'embedded');
  const removeFolders = () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  };
  let s: Standalone;
  try {
    s = await startStandalone({ config, county: COUNTY, logger: createLogger({ service: 'attack', level: 'trace', destination: sink }) });
  } catch (err) {
    await db?.drop();
    removeFolders();
    throw err;
  }
  // The embedded server's database, reached like a test database (dropping it = closing the pools; the server stops with the product).
  db ??= embeddedDatabaseHandle(s.databaseUrl);
  const database = db;
  const pool = database.pool(undefined, 4);
  const base = s.url;
  const stop = async () => {
    if (s.embeddedDatabase) await database.drop();
    await s.stop();
    if (!s.embeddedDatabase) await database.drop();
    removeFolders();
  };
  try {
    const { rows: townships } = await pool.query<{ code: string; name: string }>(
      `SELECT DISTINCT ON (code) code, name FROM hierarchy.divisions WHERE parent_code = $1 AND level = 'township' ORDER BY code, valid_from DESC`,
      [COUNTY],
    );
    const villagesOf = async (code: string) =>
      (await pool.query<{ code: string }>(`SELECT DISTINCT code FROM hierarchy.divisions WHERE parent_code = $1 ORDER BY code`, [code])).rows.map((r) => r.code);
    const demoTownship = s.accounts.find((a) => a.role === 'township')?.node ?? townships[0].code;
    const a = townships.find((t) => t.code === demoTownship)!;
    const b = townships.find((t) => t.code !== demoTownship)!;
    const townshipA = { ...a, villages: await villagesOf(a.code) };
    const townshipB = { ...b, villages: await villagesOf(b.code) };

    const store = new PgIdentityStore(database.pool('auth', 2));
    const login = async (username: string) => (await ok(base, 'POST', '/auth/login', { json: { username, password: PASSWORD } })).token as string;
    const inScope = {} as Record<Role, string>;
    const otherTownship = {} as Record<Role, string>;
    // Own accounts rather than the demo ones (which may have to change their password first).
    const account = async (username: string, role: Role, node: string) => {
      await store.createUser({ username, displayName: `${role}（${username}）`, password: PASSWORD, roles: [role], node, dept: role === 'review_dept' ? 'public_security' : undefined });
      return login(username);
    };
    const countyRoles: Role[] = ['org_dept', 'discipline', 'civil_affairs', 'review_dept', 'auditor', 'admin'];
    for (const role of ROLES) {
      const nodeA = countyRoles.includes(role) ? COUNTY : role === 'liaison' ? townshipA.villages[0] : townshipA.code;
      inScope[role] = await account(`attack_${role}_a`, role, nodeA);
      otherTownship[role] = await account(`attack_${role}_b`, role, role === 'liaison' ? townshipB.villages[0] : townshipB.code);
    }
    const secondDiscipline = await account('attack_discipline_a2', 'discipline', COUNTY);
    return {
      s,
      db: database,
      pool,
      dataDir,
      keyDir,
      embeddedDatabase: s.embeddedDatabase,
      logs,
      townshipA,
      townshipB,
      users: { inScope, otherTownship, secondDiscipline },
      login,
      call: (method, path, opts) => call(base, method, path, opts),
      ok: (method, path, opts) => ok(base, method, path, opts),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function embeddedDatabaseHandle(url: string): TestDatabase {
  const pools: Pool[] = [];
  return {
    name: new URL(url).pathname.slice(1),
    url,
    pool(schema?: string, max?: number) {
      const p = new Pool({ connectionString: url, max: max ?? 10, application_name: 'attack:probe', options: schema ? `-c search_path=${schema},public` : undefined });
      p.on('error', () => undefined);
      pools.push(p);
      return p;
    },
    async drop() {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    },
  };
}
