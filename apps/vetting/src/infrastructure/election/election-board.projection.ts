import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { toDomainEvent, type EventStore, type StoredEvent } from '@lw/eventstore';
import { evolveElection, evolveVillageElection, type ElectionEvent, type VillageElectionEvent, type VillageElectionState } from '../../domain/election';
import { ElectionRecord } from './elections.entity';
import { NominationRecord } from './nominations.entity';
import { VillageElectionRecord } from './village-elections.entity';

const OUT = ['disqualified', 'elected', 'not_elected', 'first_review_failed', 'joint_review_failed'];
/** Rows per INSERT, well below PostgreSQL's 65535 parameters (14 columns at most). */
const ROWS_PER_INSERT = 1000;

/**
 * The election board and the open nominations, derived from each touched village's whole stream by
 * the domain's own fold (one read per batch), so the board can never disagree with the aggregate.
 * Written through the EntityManager of the projection's transaction (the checkpoint's).
 */
export const electionBoardProjection = (store: EventStore) => async (events: readonly StoredEvent[], tx: PoolClient, manager: EntityManager | undefined): Promise<void> => {
  if (!manager) throw new Error('election board projection: run it with readModels (kernel.readModels)');
  const opened = events.filter((e) => e.type === 'ElectionOpened' && e.streamId.startsWith('election-')).map(electionRow);
  if (opened.length > 0) await manager.createQueryBuilder().insert().into(ElectionRecord).values(opened).orIgnore().execute();
  const streams = [...new Set(events.filter((e) => e.streamId.startsWith('village-election-')).map((e) => e.streamId))];
  if (streams.length === 0) return;
  const states = new Map<string, VillageElectionState>();
  for (const [streamId, stream] of await store.readStreams(streams, tx)) {
    if (stream.length > 0) states.set(streamId, stream.map((e) => toDomainEvent<VillageElectionEvent>(e)).reduce<VillageElectionState | null>(evolveVillageElection, null)!);
  }
  const villages = [...states].map(([streamId, s]) => boardRow(streamId, s));
  const nominations = [...states].flatMap(([streamId, s]) => nominationRows(streamId, s));
  for (let i = 0; i < villages.length; i += ROWS_PER_INSERT) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(VillageElectionRecord)
      .values(villages.slice(i, i + ROWS_PER_INSERT).map((v) => ({ ...v, updatedAt: () => 'now()' })))
      .orUpdate(
        ['stage', 'gate_open', 'gate_reasons', 'nominees', 'reviewed', 'blocked', 'disqualified', 'open_objections', 'joint_reviews_overdue', 'notice_ends_on', 'updated_at'],
        ['election_id', 'village_code'],
      )
      .updateEntity(false)
      .execute();
  }
  for (let i = 0; i < nominations.length; i += ROWS_PER_INSERT) {
    await manager.createQueryBuilder().insert().into(NominationRecord).values(nominations.slice(i, i + ROWS_PER_INSERT)).orUpdate(['open'], ['stream_id', 'nominee_id']).updateEntity(false).execute();
  }
};

function electionRow(e: StoredEvent): ElectionRecord {
  const opened = evolveElection(null, toDomainEvent<ElectionEvent>(e));
  return {
    electionId: opened.electionId,
    name: opened.name,
    scope: opened.scope,
    policyId: opened.policy.id,
    policyVersion: opened.policy.version,
    votingFrom: opened.votingFrom ?? null,
    openedAt: new Date(opened.at),
  };
}

function boardRow(streamId: string, s: VillageElectionState): Omit<VillageElectionRecord, 'updatedAt'> {
  const nominees = [...s.nominees.values()];
  const count = (status: string) => nominees.filter((n) => n.status === status).length;
  return {
    electionId: s.electionId,
    villageCode: s.villageCode,
    streamId,
    stage: s.stage,
    gateOpen: s.gate.open,
    gateReasons: s.gate.reasons,
    nominees: nominees.length,
    reviewed: nominees.filter((n) => n.status !== 'listed').length,
    blocked: count('first_review_failed'),
    disqualified: count('disqualified'),
    openObjections: s.openObjections.size,
    jointReviewsOverdue: nominees.filter((n) => n.status === 'joint_review' && n.jointReviewOverdue.length > 0).length,
    noticeEndsOn: s.notice && !s.notice.ended ? s.notice.endsOn : null,
  };
}

function nominationRows(streamId: string, s: VillageElectionState): NominationRecord[] {
  return [...s.nominees.values()].map((n) => ({
    streamId,
    nomineeId: n.nomineeId,
    personId: n.personId,
    villageCode: s.villageCode,
    name: n.name,
    open: s.stage !== 'handed_over' && !OUT.includes(n.status),
  }));
}
