import type { Actor } from '@lw/domain';
import type { EventStore, NewEvent, StoredEvent } from '@lw/eventstore';
import { DomainNotFoundError } from '@lw/domain';
import { evolveTip, type TipEvent, type TipState } from '../domain';

/** One stream per tip. */
export function tipStreamId(tipId: string): string {
  return `tip-${tipId}`;
}

export function toNewEvents(events: readonly TipEvent[], actor: Actor | null, correlationId?: string): NewEvent[] {
  return events.map((e) => ({ type: e.type, data: e.data, metadata: { actor, ...(correlationId ? { correlationId } : {}) } }));
}

export function toTipEvent(stored: StoredEvent): TipEvent {
  return { type: stored.type, data: stored.data } as TipEvent;
}

export interface LoadedTip {
  state: TipState;
  version: number;
  events: StoredEvent[];
}

/** The tip as its events leave it; 404 in Chinese when there is no such tip. */
export async function loadTip(store: EventStore, tipId: string): Promise<LoadedTip> {
  const events = /^[0-9a-f-]{36}$/i.test(tipId) ? await store.readStream(tipStreamId(tipId)) : [];
  if (events.length === 0) throw new DomainNotFoundError('tip.not_found', '举报不存在或已无权查看', `no tip ${tipId}`);
  let state: TipState | null = null;
  for (const e of events) state = evolveTip(state, toTipEvent(e));
  return { state: state!, version: events[events.length - 1].streamVersion, events };
}
