import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import { rawEntities } from './raw-entities';
import { readModelSource } from './read-model-source';

@Entity({ name: 'typed_row' })
class TypedRow {
  @PrimaryColumn({ type: 'text', name: 'row_id' })
  rowId!: string;

  @Column({ type: 'integer', name: 'red_count' })
  redCount!: number;

  @Column({ type: 'date', name: 'due_on' })
  dueOn!: string;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt!: Date;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'boolean', name: 'late' })
  late!: boolean;

  @Column({ type: 'text', name: 'note', nullable: true })
  note!: string | null;
}

// The ledger's fast page reads raw rows: they must come out exactly as getMany's entities would.
describe('rawEntities', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('raw_entities');
    await db
      .pool('svc')
      .query('CREATE TABLE typed_row (row_id text PRIMARY KEY, red_count integer NOT NULL, due_on date NOT NULL, ends_at timestamptz NOT NULL, closed_at timestamptz, late boolean NOT NULL, note text)');
  });
  afterAll(() => db.drop());

  it('turns a query builder’s raw rows into the entities getMany gives: dates as strings, instants as Dates, nulls kept', async () => {
    const pool = db.pool('svc', 2);
    const source = await readModelSource(pool, [TypedRow]);
    try {
      const repo = source.getRepository(TypedRow);
      await repo.insert([
        { rowId: 'a', redCount: 2, dueOn: '2026-12-31', endsAt: new Date('2026-12-31T15:59:59.999Z'), closedAt: null, late: true, note: null },
        { rowId: 'b', redCount: 0, dueOn: '2027-01-04', endsAt: new Date('2027-01-04T16:00:00.000Z'), closedAt: new Date('2027-01-02T01:02:03.000Z'), late: false, note: '已整改' },
      ]);
      const qb = () => repo.createQueryBuilder('t').orderBy('t.rowId');
      const viaGetMany = await qb().getMany();
      const viaRaw = rawEntities(source, TypedRow, 't')(await qb().getRawMany());
      expect(viaRaw).toEqual(viaGetMany);
      expect(viaRaw[0]).toBeInstanceOf(TypedRow);
      expect(viaRaw[0].dueOn).toBe('2026-12-31');
      expect(viaRaw[1].closedAt?.toISOString()).toBe('2027-01-02T01:02:03.000Z');
    } finally {
      await source.destroy();
      await pool.end();
    }
  });
});
