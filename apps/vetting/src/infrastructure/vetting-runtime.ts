import { integrationContracts, type Actor } from '@lw/domain';
import { Projector, type StoredEvent } from '@lw/eventstore';
import { deadlineJobId } from '@lw/jobs';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { chaseJointReview, endNotice } from '../domain/election';
import { AuditGate } from '../application/election/audit-gate';
import { ElectionOpening } from '../application/election/election-opening';
import { ElectionReview } from '../application/election/election-review';
import { PolicyPacks } from '../application/election/policy-packs';
import { SubstantiatedTips } from '../application/election/substantiated-tips';
import { ElectionCommands } from '../application/election-commands';
import type { RosterPort } from '../application/roster-port';
import { vettingReactions } from '../application/vetting-reactions';
import { assessmentRuntime } from './assessment/assessment-runtime';
import { projectElectionBoard } from './election/election-board.projection';
import { ProjectionBehindError } from './election/projection-order';
import { reevaluationHandler } from './election/reevaluation.projection';
import { ROSTER_PROJECTION } from './roster/roster-projection';
import { rosterRuntime } from './roster/roster-runtime';

const CHASE_JOB = 'vetting.joint-review-chase';
const NOTICE_END_JOB = 'vetting.notice-end';
const BOARD_PROJECTION = 'election-board';

/** What the vetting controllers use. */
export class Vetting {
  constructor(
    readonly commands: ElectionCommands,
    readonly kernel: ServiceKernel,
    readonly packs: PolicyPacks,
    readonly review: ElectionReview,
    readonly opening: ElectionOpening,
    readonly roster: RosterPort,
    readonly projectors: readonly Projector[],
  ) {}

  inScope(actor: Pick<Actor, 'node'>, villageCode: string): boolean {
    return this.kernel.platform.hierarchy.isInside(villageCode, actor.node);
  }

  isVillage(code: string): boolean {
    return this.kernel.platform.hierarchy.get(code)?.level === 'village';
  }

  /** Read models follow at once after a command (tests and the board need not wait for a poll). */
  wake(): void {
    for (const p of this.projectors) p.wake();
  }
}

/**
 * The vetting service's moving parts: the roster and assessments, the rules engine's review with its
 * re-evaluation when facts change, the gate from auditing, objections from the tip-line, the board,
 * and jobs that chase late joint reviews and end notices (scheduled by a projection, idempotent ids).
 */
export function vettingRuntime(kernel: ServiceKernel): ServiceRuntime {
  const { platform, store, jobs, pool } = kernel;
  const contracts = integrationContracts();
  const commands = new ElectionCommands({
    store,
    contracts,
    calendar: () => platform.calendar.calendar(),
    inScope: (actor, village) => platform.hierarchy.isInside(village, actor.node),
  });
  const roster = rosterRuntime(kernel);
  const assessments = assessmentRuntime(kernel, roster.port);
  const packs = new PolicyPacks(store);
  const tips = new SubstantiatedTips(pool);
  const review = new ElectionReview({ commands, roster: roster.port, packs, tips });
  const opening = new ElectionOpening({ pool, commands, roster: roster.port, packs, contracts });
  const gate = new AuditGate({ commands, packs });

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
  const projectors = [
    new Projector({ pool, name: 'election-jobs', pollIntervalMs: 250, handle: async (events) => schedule(events.filter((e) => e.streamId.startsWith('village-election-'))), onError: onError('election-jobs') }),
    new Projector({ pool, name: BOARD_PROJECTION, pollIntervalMs: 250, handle: projectElectionBoard, onError: onError(BOARD_PROJECTION) }),
    new Projector({
      pool,
      name: 'election-reevaluation',
      pollIntervalMs: 250,
      retryBaseMs: 50,
      handle: reevaluationHandler({ review, dependsOn: [ROSTER_PROJECTION, BOARD_PROJECTION] }),
      onError: onError('election-reevaluation'),
    }),
  ];
  const vetting = new Vetting(commands, kernel, packs, review, opening, roster.port, projectors);
  const parts = [roster.runtime, assessments];
  return {
    consumes: { producers: ['tipline', 'auditing'], handle: vettingReactions({ contracts, commands, review, tips, gate }) },
    providers: [{ provide: Vetting, useValue: vetting }, ...parts.flatMap((p) => p.providers ?? [])],
    start: async () => {
      for (const p of parts) await p.start?.();
      jobs.register<{ streamId: string; nomineeId: string }>(CHASE_JOB, async ({ payload }) => {
        await commands.run(payload.streamId, null, (s, c) => chaseJointReview(s, payload.nomineeId, c));
      });
      jobs.register<{ streamId: string }>(NOTICE_END_JOB, async ({ payload }) => {
        await commands.run(payload.streamId, null, (s, c) => endNotice(s, c));
      });
      for (const p of projectors) await p.start();
    },
    stop: async () => {
      for (const p of projectors) await p.stop();
      for (const p of parts) await p.stop?.();
    },
  };
}
