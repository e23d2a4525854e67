import { Pool } from 'pg';
import { assertIdentifier } from './pool';

/** One schema change. Ids are namespaced by their owner ("eventstore/001_streams") and never edited once released. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * Applies the migrations not yet recorded in `<schema>.schema_migrations`, in the order given,
 * each in its own transaction with search_path set to the schema. A session advisory lock keyed
 * on the schema makes concurrent starts of several replicas safe: one migrates, the others wait
 * and then find nothing to do.
 */
export async function migrate(pool: Pool, schema: string, migrations: readonly Migration[]): Promise<string[]> {
  assertIdentifier(schema);
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    try {
      // Looked up first: "IF NOT EXISTS" still needs the right to create, which a service's own
      // database role lacks on the shared schemas it may only read (README "Database roles").
      const present = await client.query<{ schema: string | null; ledger: string | null }>(
        `SELECT to_regnamespace($1)::text AS schema, to_regclass($1 || '.schema_migrations')::text AS ledger`,
        [schema],
      );
      if (!present.rows[0].schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      if (!present.rows[0].ledger) {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
      }
      const done = new Set(
        (await client.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`)).rows.map((r) => r.id),
      );
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path TO ${schema}, public`);
          await client.query(m.sql);
          await client.query(`INSERT INTO ${schema}.schema_migrations (id) VALUES ($1)`, [m.id]);
          await client.query('COMMIT');
          applied.push(m.id);
        } catch (err) {
          await client.query('ROLLBACK');
          const hint = (err as { code?: string }).code === '42501' ? ' (schema changes of shared schemas need the administrator: npm run db:roles)' : '';
          throw new Error(`migration ${m.id} failed in schema ${schema}: ${(err as Error).message}${hint}`);
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]);
    }
  } finally {
    client.release();
  }
  return applied;
}
