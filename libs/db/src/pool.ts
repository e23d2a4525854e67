import { Pool, PoolClient, PoolConfig } from 'pg';

export interface PoolOptions {
  /** Connection string, e.g. postgres://user@host:5432/db */
  url: string;
  /** Schema that unqualified table names resolve to (one schema per service). */
  schema?: string;
  max?: number;
  applicationName?: string;
}

/** A pg pool whose connections all resolve unqualified names in the service's schema. */
export function createPool(options: PoolOptions): Pool {
  const config: PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'liangwei',
  };
  if (options.schema) {
    assertIdentifier(options.schema);
    config.options = `-c search_path=${options.schema},public`;
  }
  const pool = new Pool(config);
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs fn inside one transaction on one client; commits on success, rolls back on any error.
 * A connection that dies while checked out emits 'error' on the client: it is caught here (an
 * unhandled one would crash the process) and the broken client is discarded, not pooled again.
 */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = broken ?? rollbackErr));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * withTransaction that also returns the transaction's id (null when it wrote nothing), read before
 * the commit: what Projector.waitPast waits for when one transaction writes several streams.
 */
export async function withTransactionId<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<{ result: T; txId: string | null }> {
  return withTransaction(pool, async (client) => {
    const result = await fn(client);
    const { rows } = await client.query<{ x: string | null }>('SELECT pg_current_xact_id_if_assigned()::text AS x');
    return { result, txId: rows[0].x };
  });
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema and table names are interpolated into SQL, so only plain lower-case identifiers pass. */
export function assertIdentifier(name: string): void {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
}
