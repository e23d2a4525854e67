import type { TestDatabase } from '@lw/testing';
import type { EventStore } from './event-store';
import { loadState, StateReducer } from './load-state';
import { createStoreDatabase } from './test-store';

let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  ({ db, store } = await createStoreDatabase('es_snap'));
});
afterAll(() => db.drop());

interface Ledger {
  openCases: number;
  amountFen: string;
}

const reducer: StateReducer<Ledger> = {
  initial: () => ({ openCases: 0, amountFen: '0' }),
  apply: (s, e) =>
    e.type === 'CaseOpened'
      ? { openCases: s.openCases + 1, amountFen: String(BigInt(s.amountFen) + BigInt(e.data.fen)) }
      : { ...s, openCases: s.openCases - 1 },
};

describe('snapshots', () => {
  it('snapshot + later events give the same state as a full replay', async () => {
    const stream = 'village-320724101200';
    let v = 0;
    for (let i = 0; i < 30; i++) {
      ({ nextVersion: v } = await store.append(stream, v, [{ type: i % 3 === 2 ? 'CaseClosed' : 'CaseOpened', data: { fen: String(10 ** 12 + i) } }]));
      if (i === 17) {
        const mid = await loadState(store, stream, reducer);
        await store.saveSnapshot(stream, mid.version, mid.state);
      }
    }
    const full = await loadState(store, 'x-none', reducer); // sanity: an empty stream is the initial state
    expect(full).toEqual({ state: reducer.initial(), version: 0, fromSnapshot: false });

    const fromSnapshot = await loadState(store, stream, reducer);
    expect(fromSnapshot.fromSnapshot).toBe(true);
    let replay = reducer.initial();
    for (const e of await store.readStream(stream)) replay = reducer.apply(replay, e);
    expect(fromSnapshot.state).toEqual(replay);
    expect(fromSnapshot.version).toBe(30);
  });

  it('ignores a snapshot of another state shape and replays from the start', async () => {
    const stream = 'shape-change';
    await store.append(stream, 'no_stream', [{ type: 'CaseOpened', data: { fen: '5' } }]);
    await store.saveSnapshot(stream, 1, { legacy: true }, 1);
    const loaded = await loadState(store, stream, { ...reducer, schemaVersion: 2 });
    expect(loaded).toEqual({ state: { openCases: 1, amountFen: '5' }, version: 1, fromSnapshot: false });
  });
});
