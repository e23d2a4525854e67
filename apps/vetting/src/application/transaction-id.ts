import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@lw/db';

/**
 * Runs `fn` in a transaction of its own and returns, with its result, the transaction's id (null
 * when it wrote nothing), read before the commit: what Projector.waitPast waits for when one
 * transaction appends to several streams.
 */
export async function withTransactionId<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<{ result: T; txId: string | null }> {
  return withTransaction(pool, async (tx) => {
    const result = await fn(tx);
    const { rows } = await tx.query<{ x: string | null }>('SELECT pg_current_xact_id_if_assigned()::text AS x');
    return { result, txId: rows[0].x };
  });
}
