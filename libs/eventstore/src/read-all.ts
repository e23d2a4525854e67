import type { Pool, PoolClient } from 'pg';
import { EVENT_COLUMNS, EventRow, toStoredEvent } from './event-row';
import type { AllPosition, StoredEvent } from './event.types';

/**
 * Gap-safe read of all events after a checkpoint.
 *
 * The problem: `position` comes from a sequence when the row is inserted, not when it commits, so
 * a transaction holding position 5 can commit after one holding 6. A reader that saw 6 and stored
 * checkpoint 6 would never read 5.
 *
 * The invariant: a row is read only if its writing transaction id (tx_id) is below a bound B such
 * that every transaction of this database with an id below B has finished, and rows are read in
 * (tx_id, position) order. Transactions that run now or start later have ids >= B, so the set of
 * rows below B is final: nothing can be added to it. Hence every row that appears later sorts
 * after every row already read, and a checkpoint (tx_id, position) never passes an event that
 * could still appear. Ordering by position with the same guard is NOT enough: a transaction with a
 * lower xid can take a higher position than a still-running one with a higher xid, and the
 * reader would step over the latter's position.
 *
 * B is the oldest in-progress xid of the reader's snapshot (xmax if none), skipping xids that
 * belonged to backends of OTHER databases before the snapshot was taken: they can never write
 * here. Without that refinement (plain pg_snapshot_xmin) one long transaction anywhere in the
 * cluster stalls every projection. The foreign list is read in an earlier statement than the
 * snapshot: an xid that started in between is then simply not in the list and counts as ours
 * (safe); an xid in the list kept its database for its whole life. Where pg_stat_activity hides
 * other users' xids, or a prepared transaction has no backend, the list is shorter, which is only
 * slower, never wrong. Long transactions in THIS database still hold readers back (latency, never
 * loss): keep them short.
 *
 * Per-stream order survives because appending to a stream needs the previous version committed
 * and visible, so the later version's transaction got its id after the earlier one's; append()
 * checks this for caller-supplied transactions that obtained an id earlier.
 *
 * The bound and the scan are one statement, so they share a snapshot and every committed row
 * below the bound is visible to the scan.
 */
export async function readAllAfter(
  db: Pool | PoolClient,
  after: AllPosition,
  limit: number,
): Promise<{ events: StoredEvent[]; next: AllPosition }> {
  const foreign = await db.query<{ xids: string[] }>(
    `SELECT coalesce(array_agg(backend_xid::text), '{}') AS xids
       FROM pg_stat_activity
      WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()`,
  );
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS}
       FROM events
      WHERE (tx_id, position) > ($1::xid8, $2::bigint)
        AND tx_id < (
          SELECT least(pg_snapshot_xmax(s),
                       (SELECT min(x) FROM pg_snapshot_xip(s) AS x WHERE x::xid::text <> ALL ($4::text[])))
            FROM pg_current_snapshot() AS s)
      -- Qualified: bare names would sort by the ::text output columns of the same names ('10' < '9').
      ORDER BY events.tx_id, events.position
      LIMIT $3`,
    [after.txId, after.position, limit, foreign.rows[0].xids],
  );
  const events = rows.map(toStoredEvent);
  const last = events[events.length - 1];
  return { events, next: last ? { txId: last.txId, position: last.position } : after };
}
