import type { PoolClient } from 'pg';
import { loadAggregate, toDomainEvent, type Decider, type EventStore, type StoredEvent } from '@lw/eventstore';
import { checkTipId, evolveTip, existingTip, foldTip, type TipEvent, type TipState } from '../domain';

/** One stream per tip. */
export function tipStreamId(tipId: string): string {
  return `tip-${tipId}`;
}

/** How a tip folds its events, for the one load–decide–append loop. */
export const tipDecider: Decider<TipState, TipEvent> = { evolve: evolveTip };

export interface LoadedTip {
  state: TipState;
  version: number;
}

/** The tip, for reads and checks; inside `tx` when the caller holds one. */
export async function readTip(store: EventStore, tipId: string, tx?: PoolClient): Promise<LoadedTip> {
  checkTipId(tipId);
  const { state, version } = await loadAggregate(store, tipDecider, tipStreamId(tipId), tx);
  return { state: existingTip(state, tipId), version };
}

/** The tip with its stored events, for reads that show its history or messages. */
export async function readTipHistory(store: EventStore, tipId: string): Promise<LoadedTip & { events: StoredEvent[] }> {
  checkTipId(tipId);
  const events = await store.readStream(tipStreamId(tipId), 1);
  return { ...storedTip(tipId, events), events };
}

/** The tip from stored events already read (a projection reads many streams at once). */
export function storedTip(tipId: string, events: StoredEvent[]): LoadedTip {
  return { state: existingTip(foldTip(events.map((e) => toDomainEvent<TipEvent>(e))), tipId), version: events.at(-1)?.streamVersion ?? 0 };
}
