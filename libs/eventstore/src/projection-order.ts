import type { PoolClient } from 'pg';
import type { StoredEvent } from './event.types';

/** A projection waited for has not caught up yet: expected, retried, not a failure. */
export class ProjectionBehindError extends Error {}

/**
 * Throws unless projection `name` has applied `event` (its checkpoint is at or past the event in the
 * read-all order). A projector that reads another projection's tables calls it first: the throw
 * makes it retry the batch with backoff until the other has caught up, instead of reading stale rows.
 */
export async function requireProjectedUpTo(tx: PoolClient, name: string, event: StoredEvent): Promise<void> {
  const { rows } = await tx.query<{ ok: boolean }>('SELECT (tx_id, position) >= ($2::xid8, $3::bigint) AS ok FROM checkpoints WHERE name = $1', [name, event.txId, event.position]);
  if (!rows[0]?.ok) throw new ProjectionBehindError(`projection ${name} has not reached ${event.txId}/${event.position} yet`);
}
