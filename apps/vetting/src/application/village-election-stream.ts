import { FULL_DIVISION_CODE_LENGTH } from '@lw/domain';
import type { Decider } from '@lw/eventstore';
import { decodeVillageElection, encodeVillageElection, evolveVillageElection, type VillageElectionEvent, type VillageElectionState } from '../domain/election';

/** One stream per village per election. */
export function villageElectionStream(electionId: string, villageCode: string): string {
  return `village-election-${electionId}-${villageCode}`;
}

/** The notice id names its stream, so an objection arriving from the tip-line finds the election. */
export function noticeIdFor(electionId: string, villageCode: string): string {
  return `notice-${electionId}-${villageCode}`;
}

/** A notice id: the election id, then the village's full code. */
const NOTICE_ID = new RegExp(`^notice-(.+)-(\\d{${FULL_DIVISION_CODE_LENGTH}})$`);

export function streamOfNotice(noticeId: string): string | null {
  const m = NOTICE_ID.exec(noticeId);
  return m ? villageElectionStream(m[1], m[2]) : null;
}

/**
 * A village election folds by the domain's own evolve; its stream (eight nominees, each reviewed,
 * sent to joint review and answered by every department) passes 50 events, so it loads from a
 * snapshot every 50.
 */
export const villageElectionDecider: Decider<VillageElectionState, VillageElectionEvent> = {
  evolve: evolveVillageElection,
  snapshot: { schemaVersion: 1, every: 50, encode: encodeVillageElection, decode: decodeVillageElection },
};
