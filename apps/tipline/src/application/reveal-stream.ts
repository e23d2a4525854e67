import type { EventStore, StoredEvent } from '@lw/eventstore';
import type { PoolClient } from 'pg';
import { foldReveal, type RevealEvent, type RevealState } from '../domain';

/** One stream per tip for its reveal requests (not "tip-…": the inbox projection reads those). */
export function revealStreamId(tipId: string): string {
  return `reveal-${tipId}`;
}

export async function loadReveal(store: EventStore, tipId: string, client?: PoolClient): Promise<{ state: RevealState; version: number }> {
  const events: StoredEvent[] = await store.readStream(revealStreamId(tipId), 1, client);
  return {
    state: foldReveal(events.map((e) => ({ type: e.type, data: e.data }) as RevealEvent)),
    version: events.length ? events[events.length - 1].streamVersion : 0,
  };
}
