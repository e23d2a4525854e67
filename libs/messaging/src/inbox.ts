import type { Pool } from 'pg';
import type { IntegrationEvent } from '@lw/domain';
import type { IntegrationHandler } from './bus.port';

/**
 * Applies `event` for `consumer` at most once. The inbox row and the handler's writes share one
 * transaction: if the handler throws, neither is kept (the bus retries); if the row already
 * exists, an earlier delivery committed and this one is skipped. A concurrent duplicate blocks
 * on the primary key until the first commits, then finds the row and skips.
 * Returns true when the handler ran, false for a duplicate.
 */
export async function handleWithInbox(
  pool: Pool,
  consumer: string,
  event: IntegrationEvent,
  handler: IntegrationHandler,
): Promise<boolean> {
  const client = await pool.connect();
  // A checked-out client whose connection dies emits 'error'; unheard, it would crash the
  // process. The failing query rejects anyway, and that is what the bus acts on.
  const onError = (): void => undefined;
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, event_id) DO NOTHING`,
      [consumer, event.id, event.type],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await handler(event, client);
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
    throw err;
  } finally {
    client.off('error', onError);
    // A client that could not even roll back is discarded, not returned to the pool.
    client.release(broken);
  }
}
