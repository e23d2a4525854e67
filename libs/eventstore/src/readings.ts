import type { Pool } from 'pg';

/**
 * Cheap readings for monitoring, taken at scrape time (never on a command's path). Read-only: they
 * change nothing the store, relay or projectors do.
 */
export interface OutboxBacklog {
  unsent: number;
  /** Age of the oldest unsent row, 0 when none: a relay that is stuck shows as a growing age. */
  oldestUnsentSeconds: number;
}

/** Served by the partial index on unsent rows, so it costs the backlog's size, not the outbox's. */
export async function outboxBacklog(pool: Pool): Promise<OutboxBacklog> {
  const { rows } = await pool.query<{ unsent: string; age: number | null }>(
    `SELECT count(*) AS unsent, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE sent_at IS NULL`,
  );
  return { unsent: Number(rows[0].unsent), oldestUnsentSeconds: Math.max(0, rows[0].age ?? 0) };
}

export interface ProjectionLag {
  projection: string;
  /** Committed events after the checkpoint, counted up to the cap. */
  behind: number;
  /** True when `behind` stopped at the cap (the projection is at least that far behind). */
  capped: boolean;
}

/** Counting stops here, so a projection far behind costs one bounded index scan per scrape. */
export const PROJECTION_LAG_CAP = 100_000;

/**
 * Events behind per checkpointed projection (every projector's checkpoint row in this schema), in
 * read-all's (tx_id, position) order over its index. A projector that never stored a checkpoint
 * has no row yet and is not listed.
 */
export async function projectionLags(pool: Pool, cap = PROJECTION_LAG_CAP): Promise<ProjectionLag[]> {
  const { rows } = await pool.query<{ name: string; behind: string }>(
    `SELECT c.name,
            (SELECT count(*) FROM (SELECT 1 FROM events e WHERE (e.tx_id, e.position) > (c.tx_id, c.position) LIMIT $1) x) AS behind
       FROM checkpoints c ORDER BY c.name`,
    [cap],
  );
  return rows.map((r) => ({ projection: r.name, behind: Number(r.behind), capped: Number(r.behind) >= cap }));
}
