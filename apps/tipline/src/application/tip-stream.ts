import type { PoolClient } from 'pg';
import { outsideJurisdiction } from '@lw/domain';
import type { Decider, EventStore, StoredEvent } from '@lw/eventstore';
import { evolveTip, type TipEvent, type TipState } from '../domain';

/** One stream per tip. */
export function tipStreamId(tipId: string): string {
  return `tip-${tipId}`;
}

/** How a tip folds its events, for the one load–decide–append loop. */
export const tipDecider: Decider<TipState, TipEvent> = { evolve: evolveTip };

const TIP_ID = /^[0-9a-f-]{36}$/i;

/** The one refusal for a tip that does not exist, lies outside the actor's area or is not theirs to open. */
export function tipNotFound(detail: string): Error {
  return outsideJurisdiction('该举报', detail);
}

/** The tip's state, or the refusal when there is none (a malformed id is one too, without a query). */
export function existingTip(state: TipState | null, tipId: string): TipState {
  if (!state) throw tipNotFound(`no tip ${tipId}`);
  return state;
}

export function checkTipId(tipId: string): void {
  if (!TIP_ID.test(tipId)) throw tipNotFound(`no tip ${tipId}`);
}

export function toTipEvent(stored: StoredEvent): TipEvent {
  return { type: stored.type, data: stored.data } as TipEvent;
}

export interface LoadedTip {
  state: TipState;
  version: number;
  events: StoredEvent[];
}

/** The tip with its stored events (history, messages), for reads; inside `tx` when the caller holds one. */
export async function readTip(store: EventStore, tipId: string, tx?: PoolClient): Promise<LoadedTip> {
  checkTipId(tipId);
  return foldStoredTip(tipId, await store.readStream(tipStreamId(tipId), 1, tx));
}

export function foldStoredTip(tipId: string, events: StoredEvent[]): LoadedTip {
  let state: TipState | null = null;
  for (const e of events) state = evolveTip(state, toTipEvent(e));
  return { state: existingTip(state, tipId), version: events.length ? events[events.length - 1].streamVersion : 0, events };
}
