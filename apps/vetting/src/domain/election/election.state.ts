import type { ElectionEvent, ElectionOpening } from './election.events';

/** An opened election: what it covers and when it was opened. */
export type ElectionState = ElectionOpening & { at: string };

export function evolveElection(_state: ElectionState | null, e: ElectionEvent): ElectionState {
  return e.data;
}
