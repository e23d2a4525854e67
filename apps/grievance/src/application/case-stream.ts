import { outsideJurisdiction } from '@lw/domain';
import type { PoolClient } from 'pg';
import type { Decider, EventStore, StoredEvent } from '@lw/eventstore';
import { evolveCase, type CaseEvent, type CaseState } from '../domain';

/** One stream per case. */
export function caseStreamId(caseId: string): string {
  return `case-${caseId}`;
}

/** How a case folds its events, for the one load–decide–append loop. */
export const caseDecider: Decider<CaseState, CaseEvent> = { evolve: evolveCase };

export function toCaseEvent(stored: StoredEvent): CaseEvent {
  return { type: stored.type, data: stored.data } as CaseEvent;
}

/** Case ids are UUIDs: anything else names no case and is not looked up. */
export function isCaseId(id: string): boolean {
  return /^[0-9a-f-]{36}$/i.test(id);
}

/** A missing case and one outside the user's area get the same 404: neither tells the other exists. */
export function caseOutside(detail: string): Error {
  return outsideJurisdiction('该事项', detail);
}

export interface LoadedCase {
  state: CaseState;
  version: number;
  events: StoredEvent[];
}

/** The case as its events leave it, with its history (read inside `tx` when given); 404 when there is none. */
export async function loadCase(store: EventStore, caseId: string, tx?: PoolClient): Promise<LoadedCase> {
  const events = isCaseId(caseId) ? await store.readStream(caseStreamId(caseId), 1, tx) : [];
  if (events.length === 0) throw caseOutside(`no case ${caseId}`);
  let state: CaseState | null = null;
  for (const e of events) state = evolveCase(state, toCaseEvent(e));
  return { state: state!, version: events[events.length - 1].streamVersion, events };
}
