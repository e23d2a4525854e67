import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { inReadModelTransaction, readModelSource } from './read-model-source';

@Entity({ name: 'ledger_row' })
class LedgerRow {
  @PrimaryColumn({ type: 'text', name: 'case_id' })
  caseId!: string;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'integer' })
  version!: number;
}

describe('read models on TypeORM, on the service pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('rm');
    await db.pool('svc').query('CREATE TABLE ledger_row (case_id text PRIMARY KEY, village_code text NOT NULL, version integer NOT NULL)');
  });
  afterAll(() => db.drop());

  it('reads and writes entities in the pool schema without opening connections of its own', async () => {
    const pool = db.pool('svc', 2);
    const source = await readModelSource(pool, [LedgerRow]);
    try {
      const repo = source.getRepository(LedgerRow);
      await repo.insert([{ caseId: 'a', villageCode: '320724101200', version: 1 }, { caseId: 'b', villageCode: '320724102200', version: 3 }]);
      // Many reads at once: TypeORM waits for the two connections of the service pool.
      const reads = await Promise.all(Array.from({ length: 20 }, () => repo.findBy({ villageCode: '320724101200' })));
      expect(reads.every((r) => r.length === 1 && r[0].caseId === 'a')).toBe(true);
      expect(pool.totalCount).toBeLessThanOrEqual(2);
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`);
      expect(rows[0].n).toBeLessThanOrEqual(3); // the service pool's two, plus the admin connection of the test database
    } finally {
      await source.destroy();
    }
    // The DataSource is gone; the pool is still its owner's.
    expect((await pool.query('SELECT count(*)::int AS n FROM ledger_row')).rows[0].n).toBe(2);
    await pool.end();
  });

  it('writes entities and raw SQL in one transaction: both commit or neither', async () => {
    const pool = db.pool('svc', 2);
    const source = await readModelSource(pool, [LedgerRow]);
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS checkpoint (n int)');
      await expect(
        inReadModelTransaction(source, async (manager, client) => {
          await manager.getRepository(LedgerRow).upsert({ caseId: 'c', villageCode: '320724101200', version: 1 }, ['caseId']);
          await client.query('INSERT INTO checkpoint VALUES (1)');
          throw new Error('projection failed halfway');
        }),
      ).rejects.toThrow('halfway');
      expect(await source.getRepository(LedgerRow).findOneBy({ caseId: 'c' })).toBeNull();
      expect((await pool.query('SELECT count(*)::int AS n FROM checkpoint')).rows[0].n).toBe(0);

      await inReadModelTransaction(source, async (manager, client) => {
        await manager.getRepository(LedgerRow).upsert({ caseId: 'c', villageCode: '320724101200', version: 2 }, ['caseId']);
        await client.query('INSERT INTO checkpoint VALUES (2)');
      });
      expect(await source.getRepository(LedgerRow).findOneBy({ caseId: 'c' })).toMatchObject({ version: 2 });
      expect((await pool.query('SELECT n FROM checkpoint')).rows).toEqual([{ n: 2 }]);
    } finally {
      await source.destroy();
      await pool.end();
    }
  });
});

describe("readModelManager on the caller's transaction", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('rmtx');
    await db.pool('svc').query('CREATE TABLE ledger_row (case_id text PRIMARY KEY, village_code text NOT NULL, version integer NOT NULL)');
  });
  afterAll(() => db.drop());

  it('reads and writes inside that transaction without committing it: a rollback leaves nothing', async () => {
    const { readModelManager } = await import('./read-model-source');
    const pool = db.pool('svc', 2);
    const source = await readModelSource(pool, [LedgerRow]);
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      const inside = readModelManager(source, tx).getRepository(LedgerRow);
      await inside.save({ caseId: 'x', villageCode: '320724101200', version: 1 }); // TypeORM would wrap this in a transaction of its own
      expect(await inside.findOneBy({ caseId: 'x' })).toMatchObject({ version: 1 });
      expect(await source.getRepository(LedgerRow).findOneBy({ caseId: 'x' })).toBeNull(); // not committed
      await tx.query('ROLLBACK');
      expect(await source.getRepository(LedgerRow).findOneBy({ caseId: 'x' })).toBeNull();
      expect(readModelManager(source)).toBe(source.manager);
    } finally {
      tx.release();
      await source.destroy();
      await pool.end();
    }
  });
});
