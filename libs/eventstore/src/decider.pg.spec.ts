import type { Pool } from 'pg';
import type { TestDatabase } from '@lw/testing';
import { decideAndAppend, loadAggregate, type Decider } from './decider';
import type { EventStore } from './event-store';
import { createStoreDatabase } from './test-store';
import { WrongExpectedVersionError } from './wrong-expected-version.error';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  ({ db, pool, store } = await createStoreDatabase('es_decider', 25));
});
afterAll(() => db.drop());

type CounterEvent = { type: 'Incremented'; data: { to: number } } | { type: 'Interloper'; data: Record<string, never> };
const counter: Decider<{ n: number }, CounterEvent> = {
  evolve: (s, e) => (e.type === 'Incremented' ? { n: e.data.to } : { n: s?.n ?? 0 }),
};
const increment = ({ state }: { state: { n: number } | null }): CounterEvent[] => [{ type: 'Incremented', data: { to: (state?.n ?? 0) + 1 } }];

interface Ledger {
  openCases: number;
  amountFen: string;
}
type LedgerEvent = { type: 'CaseOpened'; data: { fen: string } } | { type: 'CaseClosed'; data: { fen: string } };
const ledger = (every: number, schemaVersion = 1): Decider<Ledger, LedgerEvent> => ({
  evolve: (s, e) => {
    const st = s ?? { openCases: 0, amountFen: '0' };
    return e.type === 'CaseOpened' ? { openCases: st.openCases + 1, amountFen: String(BigInt(st.amountFen) + BigInt(e.data.fen)) } : { ...st, openCases: st.openCases - 1 };
  },
  snapshot: { schemaVersion, every },
});

describe('decideAndAppend', () => {
  it('retries on conflicts so 10 concurrent increments all land, each decided on fresh history', async () => {
    let decisions = 0;
    await Promise.all(
      Array.from({ length: 10 }, () => decideAndAppend(store, counter, 'counter', (l) => (decisions++, increment(l)), {}, { maxAttempts: 30 })),
    );
    expect((await store.readStream('counter')).map((e) => e.data.to)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(decisions).toBeGreaterThan(10); // someone lost a race and decided again
  });

  it('gives up after maxAttempts with the conflict error and appends nothing of its own', async () => {
    await store.append('contended', 'no_stream', [{ type: 'Interloper', data: {} }]);
    let calls = 0;
    const decide = async (): Promise<CounterEvent[]> => {
      calls++;
      await store.append('contended', 'any', [{ type: 'Interloper', data: {} }]); // someone always gets in between
      return [{ type: 'Incremented', data: { to: 1 } }];
    };
    await expect(decideAndAppend(store, counter, 'contended', decide, {}, { maxAttempts: 3 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(calls).toBe(3);
    expect((await store.readStream('contended')).filter((e) => e.type === 'Incremented')).toHaveLength(0);
  });

  it('refuses a stale expected version without retrying, with the error the caller chose', async () => {
    await decideAndAppend(store, counter, 'stale', increment);
    await decideAndAppend(store, counter, 'stale', increment);
    let calls = 0;
    const stale = (expected: number, actual: number) => new Error(`stale ${expected}/${actual}`);
    await expect(decideAndAppend(store, counter, 'stale', (l) => (calls++, increment(l)), { expectedVersion: 1 }, { stale })).rejects.toThrow('stale 1/2');
    expect(calls).toBe(0);
    expect(await decideAndAppend(store, counter, 'stale', increment, { expectedVersion: 2 })).toMatchObject({ version: 3, state: { n: 3 } });
  });

  it('records actor, cause and correlation on every event it appends; an empty decision appends nothing', async () => {
    const actor = { userId: 'u1', roles: ['township'], node: '320724100' } as any;
    const out = await decideAndAppend(store, counter, 'traced', (l) => [...increment(l), { type: 'Incremented', data: { to: 2 } }], {
      actor,
      causationId: 'evt-1',
      correlationId: 'corr-1',
    });
    expect(out).toMatchObject({ version: 2, state: { n: 2 } });
    const events = await store.readStream('traced');
    expect(events.map((e) => [e.metadata.actor, e.metadata.causationId, e.metadata.correlationId])).toEqual([
      [actor, 'evt-1', 'corr-1'],
      [actor, 'evt-1', 'corr-1'],
    ]);
    expect(await decideAndAppend(store, counter, 'traced', () => [])).toEqual({ state: { n: 2 }, version: 2, events: [], txId: null });
    expect(await store.readStream('traced')).toHaveLength(2);
  });

  it('reads and appends inside the caller transaction: a rollback leaves nothing, a conflict is not retried there', async () => {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await decideAndAppend(store, counter, 'in-tx', increment, { tx });
      // Its own uncommitted event is visible to a second command in the same transaction.
      expect(await decideAndAppend(store, counter, 'in-tx', increment, { tx })).toMatchObject({ version: 2 });
      await tx.query('ROLLBACK');
    } finally {
      tx.release();
    }
    expect(await store.streamExists('in-tx')).toBe(false);

    await store.append('in-tx-conflict', 'no_stream', [{ type: 'Incremented', data: { to: 1 } }]);
    const a = await pool.connect();
    try {
      await a.query('BEGIN');
      let calls = 0;
      const interfering = async (l: { state: { n: number } | null }) => {
        calls++;
        await store.append('in-tx-conflict', 1, [{ type: 'Interloper', data: {} }]); // another connection wins
        return increment(l);
      };
      await expect(decideAndAppend(store, counter, 'in-tx-conflict', interfering, { tx: a })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(calls).toBe(1);
      await a.query('ROLLBACK');
    } finally {
      a.release();
    }
  });

  it('never asks the pool for a second connection while the caller holds one (a flood of inbox transactions cannot exhaust it)', async () => {
    const small = db.pool('svc', 3);
    const { EventStore } = await import('./event-store');
    const smallStore = new EventStore(small);
    try {
      // As many transactions as the pool has connections, each running commands inside: reading the
      // stream through the pool would wait for a connection that none of them gives back.
      const runs = Array.from({ length: 3 }, async (_, i) => {
        const tx = await small.connect();
        try {
          await tx.query('BEGIN');
          for (let k = 0; k < 3; k++) await decideAndAppend(smallStore, ledger(2), `flood-${i}`, () => [{ type: 'CaseOpened', data: { fen: '1' } }], { tx });
          expect(await smallStore.streamExists(`flood-${i}`, tx)).toBe(true);
          await tx.query('COMMIT');
        } finally {
          tx.release();
        }
      });
      await Promise.all(runs);
      expect((await smallStore.readStreams(['flood-0', 'flood-1', 'flood-2', 'none'])).get('flood-2')).toHaveLength(3);
    } finally {
      await small.end();
    }
  });
});

describe('snapshots', () => {
  it('saves one every N events; snapshot plus later events give the same state as a full replay', async () => {
    const stream = 'village-320724101200';
    for (let i = 0; i < 30; i++) {
      const type = i % 3 === 2 ? 'CaseClosed' : 'CaseOpened';
      await decideAndAppend(store, ledger(8), stream, () => [{ type, data: { fen: String(10 ** 12 + i) } }] as LedgerEvent[]);
    }
    expect(await store.loadSnapshot(stream, 1)).toMatchObject({ version: 24 });
    const fromSnapshot = await loadAggregate(store, ledger(8), stream);
    const replay = await loadAggregate(store, { evolve: ledger(8).evolve }, stream);
    expect(fromSnapshot).toEqual(replay);
    expect(fromSnapshot).toEqual({ state: { openCases: 10, amountFen: String(20 * 10 ** 12 + [0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19, 21, 22, 24, 25, 27, 28].reduce((a, b) => a + b, 0)) }, version: 30 });
    expect(await loadAggregate(store, ledger(8), 'x-none')).toEqual({ state: null, version: 0 });
  });

  it('ignores a snapshot of another state shape and replays from the start', async () => {
    const stream = 'shape-change';
    await store.append(stream, 'no_stream', [{ type: 'CaseOpened', data: { fen: '5' } }]);
    await store.saveSnapshot(stream, 1, { legacy: true }, 1);
    expect(await loadAggregate(store, ledger(100, 2), stream)).toEqual({ state: { openCases: 1, amountFen: '5' }, version: 1 });
  });
});

describe('eventsWhere', () => {
  it('finds events of a type by data containment, filtered by what else their stream holds', async () => {
    const ev = (type: string, data: unknown) => [{ type, data }];
    await store.append('tip-1', 'no_stream', ev('TipReceived', { evidence: [{ sha256: 'aa' }, { sha256: 'bb' }] }));
    await store.append('tip-2', 'no_stream', ev('TipReceived', { evidence: [{ sha256: 'bb' }] }));
    await store.append('tip-2', 1, ev('ReporterIdentityErased', {}));
    await store.append('tip-3', 'no_stream', ev('TipReceived', { evidence: [] }));
    const streams = (events: { streamId: string }[]) => events.map((e) => e.streamId);
    expect(streams(await store.eventsWhere({ type: 'TipReceived', dataContains: { evidence: [{ sha256: 'bb' }] } }))).toEqual(['tip-1', 'tip-2']);
    expect(streams(await store.eventsWhere({ type: 'TipReceived', dataContains: { evidence: [{ sha256: 'bb' }] }, streamLacks: 'ReporterIdentityErased' }))).toEqual(['tip-1']);
    expect(streams(await store.eventsWhere({ type: 'TipReceived', dataContains: { evidence: [{ sha256: 'aa' }] }, exceptStream: 'tip-1' }))).toEqual([]);
    expect(streams(await store.eventsWhere({ type: 'TipReceived', streamHas: 'ReporterIdentityErased' }))).toEqual(['tip-2']);
    expect(await store.eventsWhere({ type: 'TipReceived', limit: 1 })).toHaveLength(1);
  });
});

describe('inRetriedTransaction', () => {
  it('retries a multi-stream command whole when one of its appends meets a concurrent one, so concurrent ones all land', async () => {
    const { inRetriedTransaction } = await import('./decider');
    // Each command moves one unit from a shared counter into its own stream, in one transaction.
    const move = (i: number) =>
      inRetriedTransaction(pool, async (tx) => {
        await decideAndAppend(store, counter, `own-${i}`, increment, { tx });
        await decideAndAppend(store, counter, 'shared-pot', increment, { tx });
      }, undefined, { maxAttempts: 50 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => move(i)));
    expect((await store.readStream('shared-pot')).map((e) => e.data.to)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (let i = 0; i < 8; i++) expect(await store.readStream(`own-${i}`)).toHaveLength(1); // the losers' first tries left nothing
  });

  it("runs once inside the caller's transaction and lets the conflict through", async () => {
    const { inRetriedTransaction } = await import('./decider');
    const tx = await pool.connect();
    let calls = 0;
    try {
      await tx.query('BEGIN');
      await expect(
        inRetriedTransaction(pool, async () => {
          calls++;
          throw new WrongExpectedVersionError('s', 1, 2);
        }, tx),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await tx.query('ROLLBACK');
    } finally {
      tx.release();
    }
    expect(calls).toBe(1);
  });
});

describe('decideAndAppend options', () => {
  it('runs the guard before the version check, so a refused record never reports a stale version', async () => {
    await decideAndAppend(store, counter, 'guarded', increment);
    const refuse = () => {
      throw new Error('outside the area');
    };
    await expect(decideAndAppend(store, counter, 'guarded', increment, { expectedVersion: 7 }, { guard: refuse })).rejects.toThrow('outside the area');
    await expect(decideAndAppend(store, counter, 'guarded', increment, { expectedVersion: 7 }, { guard: () => undefined })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('decides on a preloaded state without reading the stream again, and appends at its version', async () => {
    await decideAndAppend(store, counter, 'preloaded', increment);
    const spy = jest.spyOn(store, 'readStream');
    try {
      const out = await decideAndAppend(store, counter, 'preloaded', increment, {}, { preloaded: { state: { n: 1 }, version: 1 } });
      expect(out).toMatchObject({ version: 2, state: { n: 2 } });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    // A wrong preloaded version is caught by the append, and the retry reads the stream.
    expect(await decideAndAppend(store, counter, 'preloaded', increment, {}, { preloaded: { state: { n: 1 }, version: 1 } })).toMatchObject({ version: 3, state: { n: 3 } });
  });

  it('answers the committed transaction id of a retried multi-stream command', async () => {
    const { inRetriedTransactionWithId } = await import('./decider');
    const { result, txId } = await inRetriedTransactionWithId(pool, async (tx) => (await decideAndAppend(store, counter, 'with-id', increment, { tx })).version);
    expect(result).toBe(1);
    expect((await store.readStream('with-id'))[0].txId).toBe(txId);
  });
});
