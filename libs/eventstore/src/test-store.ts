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

/** Polls until the condition holds; read-all may lag while unrelated transactions on the server are open. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
