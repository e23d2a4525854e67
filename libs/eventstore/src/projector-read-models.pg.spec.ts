import { Column, Entity, PrimaryColumn } from 'typeorm';
import { readModelSource } from '@lw/db';
import type { TestDatabase } from '@lw/testing';
import { Projector } from './projector';
import { createStoreDatabase } from './test-store';

@Entity({ name: 'village_tips' })
class VillageTips {
  @PrimaryColumn({ type: 'text' })
  village!: string;

  @Column({ type: 'integer' })
  n!: number;
}

let db: TestDatabase;

beforeAll(async () => {
  ({ db } = await createStoreDatabase('es_proj_orm', 5));
});
afterAll(() => db.drop());

describe('Projector with TypeORM read models', () => {
  it('writes entities through the batch transaction: a failed batch leaves neither rows nor checkpoint, a retry applies it once', async () => {
    const pool = db.pool('svc', 2);
    const { EventStore } = await import('./event-store');
    const store = new EventStore(pool);
    await pool.query('CREATE TABLE village_tips (village text PRIMARY KEY, n int NOT NULL)');
    const source = await readModelSource(pool, [VillageTips]);
    let failOnce = true;
    const projector = new Projector({
      pool,
      name: 'village-tips',
      leader: false,
      readModels: source,
      onError: () => undefined,
      handle: async (events, _tx, manager) => {
        const repo = manager!.getRepository(VillageTips);
        for (const e of events) {
          const row = await repo.findOneBy({ village: e.data.village });
          await repo.save({ village: e.data.village, n: (row?.n ?? 0) + 1 });
          if (e.data.village === 'poison' && failOnce) {
            failOnce = false;
            throw new Error('read model write failed');
          }
        }
      },
    });
    try {
      for (const [i, v] of ['a', 'a', 'poison', 'b'].entries()) await store.append(`t-${i}`, 'no_stream', [{ type: 'Tip', data: { village: v } }]);
      await expect(projector.catchUp()).rejects.toThrow('read model write failed');
      expect(await source.getRepository(VillageTips).count()).toBe(0);
      expect(await projector.checkpoint()).toEqual({ txId: '0', position: '0' });
      await projector.catchUp();
      const rows = await source.getRepository(VillageTips).find({ order: { village: 'ASC' } });
      expect(rows.map((r) => [r.village, r.n])).toEqual([['a', 2], ['b', 1], ['poison', 1]]);
      expect(pool.totalCount).toBeLessThanOrEqual(2);
    } finally {
      await source.destroy();
      await pool.end();
    }
  });
});
