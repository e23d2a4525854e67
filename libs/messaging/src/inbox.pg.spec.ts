import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, sleep, TestDatabase } from '@lw/testing';
import { testEvent } from './contract/test-events';
import { handleWithInbox } from './inbox';
import { messagingMigrations } from './migrations';

describe('handleWithInbox', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('msg_inbox');
    pool = db.pool('svc', 10);
    await migrate(pool, 'svc', [...messagingMigrations, { id: 'test/001_effects', sql: 'CREATE TABLE effects (event_id uuid NOT NULL, n int NOT NULL)' }]);
  });
  afterAll(() => db.drop());

  const effectCount = async (eventId: string): Promise<number> =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM effects WHERE event_id = $1', [eventId])).rows[0].n;

  it('applies concurrent deliveries of one event once: the duplicates wait for the first and skip', async () => {
    const event = testEvent('alpha', '330102001001', { scenario: 'inbox', seq: 1 });
    let running = 0;
    let maxRunning = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        handleWithInbox(pool, 'svc', event, async (e, tx) => {
          maxRunning = Math.max(maxRunning, ++running);
          await tx.query('INSERT INTO effects (event_id, n) VALUES ($1, 1)', [e.id]);
          // Hold the transaction open so the duplicates really overlap with it.
          await sleep(100);
          running--;
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(maxRunning).toBe(1);
    expect(await effectCount(event.id)).toBe(1);
  });

  it('keeps the same event apart per consumer', async () => {
    const event = testEvent('alpha', null, { scenario: 'inbox', seq: 2 });
    const write = async (_: unknown, tx: { query: Pool['query'] }) => void (await tx.query('INSERT INTO effects (event_id, n) VALUES ($1, 1)', [event.id]));
    expect(await handleWithInbox(pool, 'svc', event, write)).toBe(true);
    expect(await handleWithInbox(pool, 'other', event, write)).toBe(true);
    expect(await handleWithInbox(pool, 'other', event, write)).toBe(false);
    expect(await effectCount(event.id)).toBe(2);
  });

  it('rolls back the inbox row with a failing handler, so the retry applies the event', async () => {
    const event = testEvent('alpha', '330102001001', { scenario: 'inbox', seq: 3 });
    await expect(
      handleWithInbox(pool, 'svc', event, async (e, tx) => {
        await tx.query('INSERT INTO effects (event_id, n) VALUES ($1, 1)', [e.id]);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await effectCount(event.id)).toBe(0);
    expect((await pool.query('SELECT 1 FROM inbox WHERE event_id = $1', [event.id])).rowCount).toBe(0);
    expect(await handleWithInbox(pool, 'svc', event, async (e, tx) => void (await tx.query('INSERT INTO effects (event_id, n) VALUES ($1, 2)', [e.id])))).toBe(true);
    expect(await effectCount(event.id)).toBe(1);
  });

  it('survives the connection dying under a handler and leaves the pool usable', async () => {
    const event = testEvent('alpha', '330102001001', { scenario: 'inbox', seq: 4 });
    await expect(
      handleWithInbox(pool, 'svc', event, async (_e, tx) => void (await tx.query('SELECT pg_terminate_backend(pg_backend_pid())'))),
    ).rejects.toMatchObject({ code: '57P01' });
    expect(await handleWithInbox(pool, 'svc', event, async () => undefined)).toBe(true);
  });
});
