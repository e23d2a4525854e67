import type { EventStore } from './event-store';
import type { StoredEvent } from './event.types';

export interface StateReducer<S> {
  initial: () => S;
  apply: (state: S, event: StoredEvent) => S;
  /** Shape version of S; snapshots of another shape are ignored. */
  schemaVersion?: number;
}

/** Rebuilds a stream's state from its snapshot (if any, of the right shape) plus the later events. */
export async function loadState<S>(
  store: EventStore,
  streamId: string,
  reducer: StateReducer<S>,
): Promise<{ state: S; version: number; fromSnapshot: boolean }> {
  const snapshot = await store.loadSnapshot<S>(streamId, reducer.schemaVersion ?? 1);
  let state = snapshot ? snapshot.state : reducer.initial();
  let version = snapshot ? snapshot.version : 0;
  for (const event of await store.readStream(streamId, version + 1)) {
    state = reducer.apply(state, event);
    version = event.streamVersion;
  }
  return { state, version, fromSnapshot: snapshot !== null };
}
