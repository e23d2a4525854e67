import { createTestDatabase, TestDatabase } from '@lw/testing';
import { migrate, Migration } from './migrations';

describe('migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrate');
  });
  afterAll(() => db.drop());

  const first: Migration[] = [
    { id: 'x/001_a', sql: 'CREATE TABLE a (n int)' },
    { id: 'x/002_b', sql: 'CREATE TABLE b (n int)' },
  ];

  it('applies each migration once into the schema, even when replicas start together', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(db.pool(undefined, 2), 'svc', first)));
    expect(results.flat().sort()).toEqual(['x/001_a', 'x/002_b']);
    const { rows } = await db.pool().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'svc' ORDER BY 1`);
    expect(rows.map((r) => r.table_name)).toEqual(['a', 'b', 'schema_migrations']);
  });

  it('applies only what is new on the next release', async () => {
    expect(await migrate(db.pool(), 'svc', [...first, { id: 'x/003_c', sql: 'CREATE TABLE c (n int)' }])).toEqual(['x/003_c']);
  });

  it('rolls a failing migration back whole and records nothing of it', async () => {
    const bad = { id: 'x/004_bad', sql: 'CREATE TABLE d (n int); SELECT no_such_function();' };
    await expect(migrate(db.pool(), 'svc', [...first, bad])).rejects.toThrow(/x\/004_bad/);
    const pool = db.pool();
    expect((await pool.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'svc' AND table_name = 'd'`)).rowCount).toBe(0);
    expect((await pool.query(`SELECT 1 FROM svc.schema_migrations WHERE id = 'x/004_bad'`)).rowCount).toBe(0);
  });

  it('refuses duplicate ids and unsafe schema names', async () => {
    await expect(migrate(db.pool(), 'svc', [first[0], first[0]])).rejects.toThrow(/duplicate/);
    await expect(migrate(db.pool(), 'svc; DROP TABLE a', first)).rejects.toThrow(/invalid SQL identifier/);
  });
});
