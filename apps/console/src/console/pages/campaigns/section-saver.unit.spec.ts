import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SectionSaver, type FailureKind, type SaveState, type SaverStore } from './section-saver';

// Issue 16: "a dossier form a work group can fill on a phone or tablet in the village (saves as it
// goes, works on a poor connection)".
class MemoryStore implements SaverStore {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

class NetworkDown extends Error {}
class Refused extends Error {}

const classify = (err: unknown): FailureKind => (err instanceof NetworkDown ? 'network' : err instanceof Refused ? 'rejected' : 'conflict');

describe('SectionSaver', () => {
  let store: MemoryStore;
  let states: SaveState[];
  let sent: unknown[];
  let fail: (() => Error) | null;
  const KEY = 'lw:dossier:c1:320724101001:talks';

  beforeEach(() => {
    jest.useFakeTimers();
    store = new MemoryStore();
    states = [];
    sent = [];
    fail = null;
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const saver = () =>
    new SectionSaver<{ n: number }>({
      key: KEY,
      store,
      delayMs: 500,
      retryMs: 1000,
      classify,
      onState: (s) => states.push(s),
      send: async (content) => {
        sent.push(content);
        if (fail) throw fail();
      },
    });

  it('keeps each change locally at once and sends only the last one after the pause', async () => {
    const s = saver();
    s.change({ n: 1 });
    s.change({ n: 2 });
    expect(SectionSaver.pending(store, KEY)).toEqual({ n: 2 });
    await jest.advanceTimersByTimeAsync(499);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ n: 2 }]);
    expect(states.at(-1)).toBe('saved');
    expect(store.items.has(KEY)).toBe(false);
  });

  it('retries a save the network lost, keeping the local copy until it lands', async () => {
    const s = saver();
    fail = () => new NetworkDown('Failed to fetch');
    s.change({ n: 7 });
    await jest.advanceTimersByTimeAsync(500);
    expect(states.at(-1)).toBe('offline');
    expect(SectionSaver.pending(store, KEY)).toEqual({ n: 7 });
    await jest.advanceTimersByTimeAsync(1000); // second try, still down; the next waits 2 s
    expect(sent).toHaveLength(2);
    fail = null;
    await jest.advanceTimersByTimeAsync(1999);
    expect(sent).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ n: 7 }, { n: 7 }, { n: 7 }]);
    expect(states.at(-1)).toBe('saved');
    expect(store.items.has(KEY)).toBe(false);
  });

  it('sends the newest content after a request in flight, never two at once', async () => {
    let release: () => void = () => undefined;
    const s = new SectionSaver<{ n: number }>({
      key: KEY,
      store,
      delayMs: 100,
      classify,
      onState: (st) => states.push(st),
      send: (content) => {
        sent.push(content);
        return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    s.change({ n: 1 });
    await jest.advanceTimersByTimeAsync(100);
    s.change({ n: 2 });
    await jest.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([{ n: 1 }]);
    release();
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ n: 1 }, { n: 2 }]);
    expect(states.at(-1)).toBe('saved');
    expect(store.items.has(KEY)).toBe(false);
  });

  it('does not retry content the server refused, and keeps it for the user to correct', async () => {
    const s = saver();
    fail = () => new Refused('谈话人数不能为负数');
    s.change({ n: -1 });
    await jest.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
    expect(states.at(-1)).toBe('rejected');
    expect(SectionSaver.pending(store, KEY)).toEqual({ n: -1 });
  });

  it('drops the local copy when the dossier can no longer be edited (submitted or approved)', async () => {
    const s = saver();
    fail = () => new Error('档案已提交审核，不能修改');
    s.change({ n: 3 });
    await jest.advanceTimersByTimeAsync(500);
    expect(states.at(-1)).toBe('rejected');
    expect(store.items.has(KEY)).toBe(false);
  });
});
