import type { Pool } from 'pg';
import type { TestDatabase } from '@lw/testing';
import { EventStore } from './event-store';
import { createStoreDatabase } from './test-store';
import { WrongExpectedVersionError } from './wrong-expected-version.error';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  ({ db, pool, store } = await createStoreDatabase('es_append', 25));
});
afterAll(() => db.drop());

const ev = (type: string, data: unknown = {}) => ({ type, data });

describe('append: optimistic concurrency', () => {
  it('lets exactly one of 20 concurrent appends at the same expected version win', async () => {
    await store.append('case-1', 'no_stream', [ev('Opened')]);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append('case-1', 1, [ev('Noted', { i })])),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(r.reason).toMatchObject({ streamId: 'case-1', expected: 1, actual: 2 });
    }
    const stream = await store.readStream('case-1');
    expect(stream.map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('lets exactly one of 20 concurrent creators of a new stream win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append('case-2', 'no_stream', [ev('Opened', { i }), ev('Noted')])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.readStream('case-2')).toHaveLength(2);
  });

  it('numbers a batch consecutively and returns the new version', async () => {
    expect(await store.append('case-3', 0, [ev('A'), ev('B'), ev('C')])).toEqual({ nextVersion: 3, txId: expect.stringMatching(/^\d+$/) });
    expect(await store.append('case-3', 3, [ev('D')])).toMatchObject({ nextVersion: 4 });
    const stream = await store.readStream('case-3');
    expect(stream.map((e) => [e.streamVersion, e.type])).toEqual([[1, 'A'], [2, 'B'], [3, 'C'], [4, 'D']]);
    expect(Number(stream[3].position)).toBeGreaterThan(Number(stream[2].position));
    expect(stream[0].metadata.occurredAt).toMatch(/Z$/);
    expect(await store.readStream('case-3', 3)).toHaveLength(2);
  });

  it('rejects a too-high or too-low expected version without writing (no version gaps)', async () => {
    await store.append('case-4', 'no_stream', [ev('A')]);
    await expect(store.append('case-4', 5, [ev('B')])).rejects.toMatchObject({ expected: 5, actual: 1 });
    await expect(store.append('case-4', 0, [ev('B')])).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append('case-4', 'no_stream', [ev('B')])).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append('case-5', 1, [ev('B')])).rejects.toMatchObject({ actual: 0 });
    expect(await store.readStream('case-4')).toHaveLength(1);
    expect(await store.readStream('case-5')).toHaveLength(0);
  });

  it("'any' appends concurrently without losing an event", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.append('case-6', 'any', [ev('Noted', { i })])));
    const stream = await store.readStream('case-6');
    expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(stream.map((e) => e.data.i)).size).toBe(10);
  });

  it('refuses, in a caller transaction that got its xid first, to put a version behind its predecessor', async () => {
    await store.append('case-7', 'no_stream', [ev('A')]);
    const early = await pool.connect();
    try {
      await early.query('BEGIN');
      await early.query('SELECT pg_current_xact_id()'); // the caller's tx already holds an xid
      await store.append('case-7', 1, [ev('B')]); // committed by a later transaction
      await expect(store.append('case-7', 2, [ev('C')], { client: early })).rejects.toThrow(/new transaction/);
      await early.query('ROLLBACK');
    } finally {
      early.release();
    }
    expect((await store.readStream('case-7')).map((e) => e.type)).toEqual(['A', 'B']);
  });
});
