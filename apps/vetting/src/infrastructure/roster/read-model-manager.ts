import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * An EntityManager on the caller's open transaction `tx` (an import's, a consumer's inbox, a
 * projection batch), so reads there see what that transaction sees; on the pool without one. A query
 * runner handed a connection uses it as is and never releases it: `tx` stays its owner's.
 */
export function managerOn(source: DataSource, tx?: PoolClient): EntityManager {
  if (!tx) return source.manager;
  const runner = source.createQueryRunner();
  (runner as unknown as { databaseConnection: PoolClient }).databaseConnection = tx;
  return runner.manager;
}
