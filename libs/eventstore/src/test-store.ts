import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { EventStore } from './event-store';
import { eventstoreMigrations } from './migrations';

/** For this lib's specs: a fresh database with the event store migrated into schema `svc`. */
export async function createStoreDatabase(prefix: string, poolMax = 10): Promise<{
  db: TestDatabase;
  pool: Pool;
  store: EventStore;
}> {
  const db = await createTestDatabase(prefix);
  const pool = db.pool('svc', poolMax);
  await migrate(pool, 'svc', eventstoreMigrations);
  return { db, pool, store: new EventStore(pool) };
}
