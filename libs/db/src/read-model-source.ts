import type { Pool, PoolClient } from 'pg';
import { DataSource, type DataSourceOptions, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * A TypeORM DataSource for a service's read models on the service's OWN pool: TypeORM's postgres
 * driver builds its pool with `new driver.Pool(…)`, and here that returns the service pool, so the
 * event store, the projectors and the repositories share one set of connections (max_connections
 * needs do not grow). Closing the DataSource leaves the pool to its owner. Never synchronizes:
 * tables come from the service's migrations.
 */
export async function readModelSource(pool: Pool, entities: NonNullable<DataSourceOptions['entities']>): Promise<DataSource> {
  const shared = sharedPool(pool);
  const source = await newSource(shared, entities);
  pools.set(source, pool);
  return source;
}

/** The service pool under each DataSource readModelSource made. */
const pools = new WeakMap<DataSource, Pool>();

/** The service pool a DataSource of readModelSource runs on (for statements built by a query builder and run as they are). */
export function poolOf(source: DataSource): Pool {
  const pool = pools.get(source);
  if (!pool) throw new Error('poolOf: the DataSource was not made by readModelSource');
  return pool;
}

async function newSource(shared: Pool, entities: NonNullable<DataSourceOptions['entities']>): Promise<DataSource> {
  const source = new DataSource({
    type: 'postgres',
    driver: { Pool: function SharedPool() { return shared; } },
    entities,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  });
  return source.initialize();
}

/**
 * Runs `fn` with an EntityManager on a connection of the DataSource (the service pool) inside one
 * transaction; `client` is the same connection for raw SQL (checkpoints, read-all).
 */
export async function inReadModelTransaction<T>(source: DataSource, fn: (manager: EntityManager, client: PoolClient) => Promise<T>): Promise<T> {
  const runner = source.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await runner.startTransaction();
    try {
      const out = await fn(runner.manager, client);
      await runner.commitTransaction();
      return out;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  } finally {
    await runner.release();
  }
}

/** The pool as TypeORM sees it: every call goes to the service pool, except `end`. */
function sharedPool(pool: Pool): Pool {
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'end') return (callback?: (err?: Error) => void) => (callback?.(), Promise.resolve());
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * An EntityManager on the caller's open transaction (an import's, a consumer's inbox), so reads and
 * writes there see and join what that transaction does; the DataSource's own manager without one.
 * The query runner is handed the connection as is (a TypeORM internal: it has no public form for
 * this) and told a transaction is active, so TypeORM neither begins nor commits one of its own
 * (a save() opens a savepoint instead), and never releases it: the connection stays its owner's.
 */
export function readModelManager(source: DataSource, client?: PoolClient): EntityManager {
  if (!client) return source.manager;
  const runner = source.createQueryRunner();
  Object.assign(runner as QueryRunner, { databaseConnection: client, isTransactionActive: true, transactionDepth: 1 });
  return runner.manager;
}
