import { DomainConflictError } from '@lw/domain';
import type { ElectionEvent, ElectionOpening } from './election.events';
import type { ElectionState } from './election.state';

/** An election id names the election and its villages' streams: once used, it is taken. */
export function electionIdTaken(electionId: string): DomainConflictError {
  return new DomainConflictError('election.exists', `换届编号 ${electionId} 已被使用`, `election ${electionId} exists`);
}

export function openElection(state: ElectionState | null, opening: ElectionOpening, at: string): ElectionEvent[] {
  if (state) throw electionIdTaken(opening.electionId);
  return [{ type: 'ElectionOpened', data: { ...opening, at } }];
}
