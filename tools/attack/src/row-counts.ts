import type { Pool } from 'pg';
import { sleep } from '@lw/testing';

/**
 * Writes a refusal causes by design: the audit log records refusals, and the receipt desk counts
 * failed lookups per client and per code (the lock-out of README's tip-line section).
 */
const EXEMPT = new Set(['auth.audit_log', 'tipline.receipt_attempts']);

/**
 * Rows the machinery updates in place whatever the request: a session's last use (idle timeout),
 * projections' checkpoints as they catch up. Counted, but an update in place there is not a write.
 */
const TOUCHED_IN_PLACE = (table: string) => table === 'auth.sessions' || table.endsWith('.checkpoints');

/**
 * Per table: its row count and the newest transaction that wrote one of its rows, so inserts,
 * deletes and updates in place all show.
 */
export type RowCounts = Map<string, string>;

let tablesCache: { pool: Pool; tables: string[] } | undefined;

/** Every table of every schema the product created (not PostgreSQL's own), as schema.table. */
export async function productTables(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ t: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS t
       FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

/** Row count and newest writing transaction of every product table but the exempt ones, in one statement. */
export async function rowCounts(pool: Pool, exempt: ReadonlySet<string> = EXEMPT): Promise<RowCounts> {
  if (tablesCache?.pool !== pool) tablesCache = { pool, tables: await productTables(pool) };
  const tables = tablesCache.tables.filter((t) => !exempt.has(t));
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM ${t}`).join(' UNION ALL ');
  const { rows } = await pool.query<{ t: string; n: number; x: string }>(sql);
  return new Map(rows.map((r) => [r.t, TOUCHED_IN_PLACE(r.t) ? `${r.n} rows` : `${r.n} rows (newest writer xid ${r.x})`]));
}

/** Tables whose count changed, as `table: before → after`. */
export function changed(before: RowCounts, after: RowCounts): string[] {
  const out: string[] = [];
  for (const [t, n] of after) if (before.get(t) !== n) out.push(`${t}: ${before.get(t) ?? 0} → ${n}`);
  return out;
}

/**
 * Counts once the product is quiet: the in-process bus, projections and jobs finish what earlier
 * (successful) requests started, so a later change is the attack's doing. Bounded.
 */
export async function settledCounts(pool: Pool, exempt?: ReadonlySet<string>, timeoutMs = 15_000, intervalMs = 300): Promise<RowCounts> {
  const until = Date.now() + timeoutMs;
  let last = await rowCounts(pool, exempt);
  for (;;) {
    await sleep(intervalMs);
    const now = await rowCounts(pool, exempt);
    if (changed(last, now).length === 0 || Date.now() > until) return now;
    last = now;
  }
}
