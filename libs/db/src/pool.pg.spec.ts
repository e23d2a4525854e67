import { createTestDatabase, TestDatabase } from '@lw/testing';
import { withTransaction } from './pool';

describe('withTransaction', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('db');
    await db.pool().query('CREATE TABLE t (n int PRIMARY KEY)');
  });
  afterAll(() => db.drop());

  it('commits what fn wrote', async () => {
    const pool = db.pool();
    await withTransaction(pool, (c) => c.query('INSERT INTO t VALUES (1)'));
    expect((await pool.query('SELECT n FROM t WHERE n = 1')).rowCount).toBe(1);
  });

  it('rolls back everything when fn throws halfway', async () => {
    const pool = db.pool();
    await expect(
      withTransaction(pool, async (c) => {
        await c.query('INSERT INTO t VALUES (2)');
        throw new Error('halfway');
      }),
    ).rejects.toThrow('halfway');
    expect((await pool.query('SELECT n FROM t WHERE n = 2')).rowCount).toBe(0);
  });

  it('survives its connection being killed mid-transaction and keeps the pool usable', async () => {
    const pool = db.pool(undefined, 2);
    const admin = db.pool();
    await expect(
      withTransaction(pool, async (c) => {
        const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await c.query('INSERT INTO t VALUES (3)');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        await c.query('SELECT 1');
      }),
    ).rejects.toThrow();
    expect((await admin.query('SELECT n FROM t WHERE n = 3')).rowCount).toBe(0);
    for (let i = 0; i < 3; i++) expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
  });
});
