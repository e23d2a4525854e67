import type { PoolClient } from 'pg';
import { toDomainEvent, type EventStore, type StoredEvent } from '@lw/eventstore';
import { evolveVillageElection, type VillageElectionEvent, type VillageElectionState } from '../../domain/election';

const OUT = ['disqualified', 'elected', 'not_elected', 'first_review_failed', 'joint_review_failed'];

/**
 * The election board and the open nominations, derived from each touched village's whole stream by
 * the domain's own fold (one read per batch), so the board can never disagree with the aggregate.
 */
export const electionBoardProjection = (store: EventStore) => async (events: readonly StoredEvent[], tx: PoolClient): Promise<void> => {
  const streams = [...new Set(events.filter((e) => e.streamId.startsWith('village-election-')).map((e) => e.streamId))];
  const opened = events.filter((e) => e.type === 'ElectionOpened' && e.streamId.startsWith('election-'));
  for (const e of opened) {
    await tx.query(
      `INSERT INTO elections (election_id, name, scope, policy_id, policy_version, voting_from, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [e.data.electionId, e.data.name, e.data.scope, e.data.policy.id, e.data.policy.version, e.data.votingFrom, e.data.at],
    );
  }
  if (streams.length === 0) return;
  const states = new Map<string, VillageElectionState>();
  for (const [streamId, stream] of await store.readStreams(streams, tx)) {
    if (stream.length > 0) states.set(streamId, stream.map((e) => toDomainEvent<VillageElectionEvent>(e)).reduce<VillageElectionState | null>(evolveVillageElection, null)!);
  }
  const villages = [...states].map(([streamId, s]) => ({
    stream_id: streamId,
    election_id: s.electionId,
    village_code: s.villageCode,
    stage: s.stage,
    gate_open: s.gate.open,
    gate_reasons: s.gate.reasons,
    nominees: s.nominees.size,
    reviewed: [...s.nominees.values()].filter((n) => n.status !== 'listed').length,
    blocked: [...s.nominees.values()].filter((n) => n.status === 'first_review_failed').length,
    disqualified: [...s.nominees.values()].filter((n) => n.status === 'disqualified').length,
    open_objections: s.openObjections.size,
    joint_reviews_overdue: [...s.nominees.values()].filter((n) => n.status === 'joint_review' && n.jointReviewOverdue.length > 0).length,
    notice_ends_on: s.notice && !s.notice.ended ? s.notice.endsOn : null,
  }));
  await tx.query(
    `INSERT INTO village_elections (election_id, village_code, stream_id, stage, gate_open, gate_reasons, nominees, reviewed, blocked, disqualified, open_objections, joint_reviews_overdue, notice_ends_on, updated_at)
     SELECT election_id, village_code, stream_id, stage, gate_open, gate_reasons, nominees, reviewed, blocked, disqualified, open_objections, joint_reviews_overdue, notice_ends_on, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(election_id text, village_code text, stream_id text, stage text, gate_open boolean, gate_reasons jsonb, nominees int, reviewed int, blocked int, disqualified int, open_objections int, joint_reviews_overdue int, notice_ends_on date)
     ON CONFLICT (election_id, village_code) DO UPDATE SET stage = excluded.stage, gate_open = excluded.gate_open, gate_reasons = excluded.gate_reasons, nominees = excluded.nominees,
       reviewed = excluded.reviewed, blocked = excluded.blocked, disqualified = excluded.disqualified, open_objections = excluded.open_objections, joint_reviews_overdue = excluded.joint_reviews_overdue, notice_ends_on = excluded.notice_ends_on, updated_at = now()`,
    [JSON.stringify(villages)],
  );
  const nominees = [...states].flatMap(([streamId, s]) =>
    [...s.nominees.values()].map((n) => ({
      stream_id: streamId,
      nominee_id: n.nomineeId,
      person_id: n.personId,
      village_code: s.villageCode,
      name: n.name,
      open: s.stage !== 'handed_over' && !OUT.includes(n.status),
    })),
  );
  if (nominees.length === 0) return;
  await tx.query(
    `INSERT INTO nominations (stream_id, nominee_id, person_id, village_code, name, open)
     SELECT stream_id, nominee_id, person_id, village_code, name, open FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, nominee_id text, person_id text, village_code text, name text, open boolean)
     ON CONFLICT (stream_id, nominee_id) DO UPDATE SET open = excluded.open`,
    [JSON.stringify(nominees)],
  );
};
