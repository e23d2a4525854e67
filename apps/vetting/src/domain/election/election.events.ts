import type { LocalDate } from '@lw/domain';
import type { Body, PolicyRef } from './village-election.events';

/** What an election covers, as opened: its scope (canonical code), pack, timeline and villages with their 职数. */
export interface ElectionOpening {
  electionId: string;
  name: string;
  scope: string;
  policy: PolicyRef;
  votingFrom: LocalDate | null;
  villages: { villageCode: string; seats: Record<Body, number> }[];
}

/** An election's own stream holds its opening; each village's election runs in its own stream. */
export type ElectionEvent = { type: 'ElectionOpened'; data: ElectionOpening & { at: string } };
