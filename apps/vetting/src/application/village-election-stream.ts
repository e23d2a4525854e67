import type { PoolClient } from 'pg';
import { DomainNotFoundError } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';
import { evolveVillageElection, type VillageElectionEvent, type VillageElectionState } from '../domain/election';

/** One stream per village per election. */
export function villageElectionStream(electionId: string, villageCode: string): string {
  return `village-election-${electionId}-${villageCode}`;
}

/** The notice id names its stream, so an objection arriving from the tip-line finds the election. */
export function noticeIdFor(electionId: string, villageCode: string): string {
  return `notice-${electionId}-${villageCode}`;
}

export function streamOfNotice(noticeId: string): string | null {
  const m = /^notice-(.+)-(\d{12})$/.exec(noticeId);
  return m ? villageElectionStream(m[1], m[2]) : null;
}

export async function loadVillageElection(store: EventStore, streamId: string, tx?: PoolClient): Promise<{ state: VillageElectionState; version: number }> {
  const events = await store.readStream(streamId, 1, tx);
  if (events.length === 0) throw new DomainNotFoundError('election.not_found', '本村换届不存在', `no stream ${streamId}`);
  let state: VillageElectionState | null = null;
  for (const e of events) state = evolveVillageElection(state, { type: e.type, data: e.data } as VillageElectionEvent);
  return { state: state!, version: events[events.length - 1].streamVersion };
}
