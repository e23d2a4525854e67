import { Pool } from 'pg';
import { ContractRegistry, integrationContracts } from '@lw/domain';
import { EventStore, ProjectionBehindError, Projector, type StoredEvent } from '@lw/eventstore';
import { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { deadlineJobId } from '@lw/jobs';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { AuditLedger } from '../application/election/audit-ledger';
import { ElectionBoardReadModel } from '../application/election/election-board.read-model';
import { ElectionReview } from '../application/election/election-review';
import { Objections } from '../application/election/objections';
import { PolicyPacks } from '../application/election/policy-packs';
import { SubstantiatedTips } from '../application/election/substantiated-tips';
import { VillageElections } from '../application/election/village-elections';
import { OpenElectionHandler } from '../application/election.commands';
import { ReleasePolicyPackHandler } from '../application/policy-pack.commands';
import { BuiltInPolicyPacksHandler, PolicyPackOfHandler } from '../application/policy-pack.queries';
import { vettingReactions } from '../application/vetting-reactions';
import { ChaseJointReview, EndNotice, VILLAGE_ELECTION_HANDLERS } from '../application/village-election.commands';
import { VILLAGE_ELECTION_QUERY_HANDLERS } from '../application/village-election.queries';
import { assessmentRuntime } from './assessment/assessment-runtime';
import { campaignRuntime } from './campaign/campaign-runtime';
import { PgAuditLedger } from './election/audit-ledger';
import { ElectionBoardQueries } from './election/election-board.queries';
import { electionBoardProjection } from './election/election-board.projection';
import { PgObjections } from './election/objections';
import { PgOpenNominations } from './election/open-nominations';
import { reevaluationHandler } from './election/reevaluation.projection';
import { PgSubstantiatedTips } from './election/substantiated-tips';
import { readYourWrites } from './read-your-writes';
import { ROSTER_PROJECTION } from './roster/roster-projection';
import { rosterRuntime } from './roster/roster-runtime';

const CHASE_JOB = 'vetting.joint-review-chase';
const NOTICE_END_JOB = 'vetting.notice-end';
const BOARD_PROJECTION = 'election-board';

/**
 * The vetting service's moving parts: the roster and assessments, the rules engine's review with its
 * re-evaluation when facts change, the gate from auditing, objections from the tip-line, the board,
 * and jobs that chase late joint reviews and end notices (scheduled by a projection, idempotent ids).
 * Every state change runs as a command on the kernel's bus: from the controllers, the reactions,
 * the jobs and the re-evaluation alike.
 */
export function vettingRuntime(kernel: ServiceKernel): ServiceRuntime {
  const { platform, store, jobs, pool, readModels } = kernel;
  const commands = () => kernel.commandBus;
  const contracts = integrationContracts();
  const jurisdiction = new Jurisdiction(platform.hierarchy);
  const roster = rosterRuntime(kernel, jurisdiction);
  const assessments = assessmentRuntime(kernel, roster.port);
  const campaigns = campaignRuntime(kernel, jurisdiction, platform.hierarchy);
  const packs = new PolicyPacks(store);
  const tips = new PgSubstantiatedTips(readModels);
  const objections = new PgObjections(readModels);

  const schedule = async (events: StoredEvent[]) => {
    for (const e of events) {
      if (e.type === 'JointReviewRequested') {
        const end = Date.parse(e.data.endsAt);
        await jobs.schedule({ id: deadlineJobId('jr', e.streamId.replace(/:/g, '_'), e.data.nomineeId, end), name: CHASE_JOB, runAt: new Date(end), payload: { streamId: e.streamId, nomineeId: e.data.nomineeId } });
      } else if (e.type === 'NoticeStarted') {
        const end = Date.parse(e.data.endsAt);
        await jobs.schedule({ id: deadlineJobId('notice', e.streamId.replace(/:/g, '_'), end), name: NOTICE_END_JOB, runAt: new Date(end), payload: { streamId: e.streamId } });
      }
    }
  };
  const onError = (name: string) => (err: Error) =>
    err instanceof ProjectionBehindError
      ? kernel.logger.debug({ err: err.message, projection: name }, 'waiting for another projection')
      : kernel.logger.warn({ err: err.message, projection: name }, 'projection failed, will retry');
  const board = new Projector({ pool, name: BOARD_PROJECTION, readModels, pollIntervalMs: 250, handle: electionBoardProjection(store), onError: onError(BOARD_PROJECTION) });
  const projectors = [
    new Projector({ pool, name: 'election-jobs', pollIntervalMs: 250, handle: async (events) => schedule(events.filter((e) => e.streamId.startsWith('village-election-'))), onError: onError('election-jobs') }),
    board,
    new Projector({
      pool,
      name: 'election-reevaluation',
      readModels,
      pollIntervalMs: 250,
      retryBaseMs: 50,
      handle: reevaluationHandler({ commands, dependsOn: [ROSTER_PROJECTION, BOARD_PROJECTION] }),
      onError: onError('election-reevaluation'),
    }),
  ];
  const elections = new VillageElections({
    store,
    contracts,
    jurisdiction,
    calendar: () => platform.calendar.calendar(),
    // A user's command answers once the board has applied it; the job and re-evaluation projections poll.
    readYourWrites: readYourWrites(board, BOARD_PROJECTION, kernel),
  });
  const review = new ElectionReview({ elections, roster: roster.port, packs, tips });
  const parts = [roster.runtime, assessments, campaigns];
  return {
    consumes: vettingReactions({ commands, contracts, objections, nominations: new PgOpenNominations(readModels) }),
    providers: [
      ...parts.flatMap((p) => p.providers ?? []),
      { provide: Pool, useValue: pool },
      { provide: EventStore, useValue: store },
      { provide: ContractRegistry, useValue: contracts },
      { provide: Hierarchy, useValue: platform.hierarchy },
      { provide: Jurisdiction, useValue: jurisdiction },
      { provide: VillageElections, useValue: elections },
      { provide: ElectionReview, useValue: review },
      { provide: PolicyPacks, useValue: packs },
      { provide: Objections, useValue: objections },
      { provide: AuditLedger, useValue: new PgAuditLedger(readModels) },
      { provide: SubstantiatedTips, useValue: tips },
      { provide: ElectionBoardReadModel, useValue: new ElectionBoardQueries(readModels) },
    ],
    handlers: [
      OpenElectionHandler,
      ...VILLAGE_ELECTION_HANDLERS,
      ...VILLAGE_ELECTION_QUERY_HANDLERS,
      ReleasePolicyPackHandler,
      BuiltInPolicyPacksHandler,
      PolicyPackOfHandler,
      ...parts.flatMap((p) => p.handlers ?? []),
    ],
    start: async () => {
      for (const p of parts) await p.start?.();
      jobs.register<{ streamId: string; nomineeId: string }>(CHASE_JOB, async ({ payload }) => {
        await commands().execute(new ChaseJointReview(payload.streamId, payload.nomineeId));
      });
      jobs.register<{ streamId: string }>(NOTICE_END_JOB, async ({ payload }) => {
        await commands().execute(new EndNotice(payload.streamId));
      });
      for (const p of projectors) await p.start();
    },
    stop: async () => {
      for (const p of projectors) await p.stop();
      for (const p of parts) await p.stop?.();
    },
  };
}
