import { randomBytes } from 'crypto';
import { Client, Pool } from 'pg';

/** The PostgreSQL server tests run against (trust auth on this machine and in CI). */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** A pool on this database; schema sets the search_path. Pools are closed by drop(). */
  pool(schema?: string, max?: number): Pool;
  drop(): Promise<void>;
}

/** A fresh database per test file: suites never see each other's rows, and nothing is faked. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(TEST_PG_URL, name);
  const pools: Pool[] = [];
  return {
    name,
    url,
    pool(schema?: string, max?: number) {
      // Same settings as @lw/db's createPool (not imported: db's own tests use this kit).
      const p = new Pool({
        connectionString: url,
        max: max ?? 10,
        application_name: `test:${name}`,
        options: schema ? `-c search_path=${schema},public` : undefined,
      });
      p.on('error', () => undefined);
      pools.push(p);
      return p;
    },
    async drop() {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      const c = new Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
