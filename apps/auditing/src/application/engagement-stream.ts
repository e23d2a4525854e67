import type { PoolClient } from 'pg';
import { loadAggregate, type Decider, type EventStore, type Loaded } from '@lw/eventstore';
import { evolveEngagement, type EngagementEvent, type EngagementState } from '../domain/engagement';

/** One stream per engagement. */
export function engagementStream(engagementId: string): string {
  return `engagement-${engagementId}`;
}

export function engagementIdOfStream(streamId: string): string | null {
  return streamId.startsWith('engagement-') ? streamId.slice('engagement-'.length) : null;
}

/** Engagement streams are short (a few dozen events at most): replayed whole, no snapshots. */
export const engagementDecider: Decider<EngagementState, EngagementEvent> = { evolve: evolveEngagement };

/** The engagement as its stream has it (state null when there is none), read in the caller's transaction when given. */
export function loadEngagement(store: EventStore, engagementId: string, tx?: PoolClient): Promise<Loaded<EngagementState>> {
  return loadAggregate(store, engagementDecider, engagementStream(engagementId), tx);
}
