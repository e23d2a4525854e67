import { DomainNotFoundError, type Actor } from '@lw/domain';
import type { EventStore, NewEvent, StoredEvent } from '@lw/eventstore';
import { evolveCase, type CaseEvent, type CaseState } from '../domain';

/** One stream per case. */
export function caseStreamId(caseId: string): string {
  return `case-${caseId}`;
}

export function toNewEvents(events: readonly CaseEvent[], actor: Actor | null): NewEvent[] {
  return events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } }));
}

export function toCaseEvent(stored: StoredEvent): CaseEvent {
  return { type: stored.type, data: stored.data } as CaseEvent;
}

export interface LoadedCase {
  state: CaseState;
  version: number;
  events: StoredEvent[];
}

export const caseNotFound = (detail: string) => new DomainNotFoundError('case.not_found', '问题台账中没有该事项，或不在您的管辖范围内', detail);

/** The case as its events leave it; 404 in Chinese when there is none. */
export async function loadCase(store: EventStore, caseId: string): Promise<LoadedCase> {
  const events = /^[0-9a-f-]{36}$/i.test(caseId) ? await store.readStream(caseStreamId(caseId)) : [];
  if (events.length === 0) throw caseNotFound(`no case ${caseId}`);
  let state: CaseState | null = null;
  for (const e of events) state = evolveCase(state, toCaseEvent(e));
  return { state: state!, version: events[events.length - 1].streamVersion, events };
}
