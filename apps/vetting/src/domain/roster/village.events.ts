import type { LocalDate } from '@lw/domain';
import type { Body, Post } from './post';

/** `roster-village-<code>`: the holdings of one village (see person.events.ts for the two kinds of stream). */
export const villageStream = (villageCode: string) => `roster-village-${villageCode}`;

export interface HoldingStarted {
  type: 'HoldingStarted';
  data: { personId: string; villageCode: string; body: Body; post: Post; from: LocalDate };
}

/** `to` is the day left (not held on that day), as Holding.to. */
export interface HoldingEnded {
  type: 'HoldingEnded';
  data: { personId: string; villageCode: string; body: Body; post: Post; from: LocalDate; to: LocalDate };
}

export type VillageEvent = HoldingStarted | HoldingEnded;
