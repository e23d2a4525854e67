import { integrationContracts, type Actor, type Period } from '@lw/domain';
import { Projector, type StoredEvent } from '@lw/eventstore';
import { deadlineJobId } from '@lw/jobs';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { chaseJointReview, endNotice } from '../domain/election';
import { ElectionCommands } from '../application/election-commands';
import { vettingReactions } from '../application/vetting-reactions';
import { assessmentRuntime } from './assessment/assessment-runtime';
import { rosterRuntime } from './roster/roster-runtime';

const CHASE_JOB = 'vetting.joint-review-chase';
const NOTICE_END_JOB = 'vetting.notice-end';

/** Defaults until elections carry their policy pack: DOMAIN.md §1. */
export const ELECTION_DEFAULTS = {
  departments: ['公安', '法院', '检察院', '司法', '信访', '自然资源', '生态环境', '住建', '农业农村', '卫健', '统战'],
  jointReview: { amount: 5, unit: 'working_days' } as Period,
  noticeFor: (post: string): Period => ({ amount: /书记/.test(post) && !/副书记/.test(post) ? 5 : 3, unit: 'working_days' }),
};

/** What the vetting controllers use. */
export class Vetting {
  constructor(
    readonly commands: ElectionCommands,
    readonly kernel: ServiceKernel,
    readonly projector: Projector,
  ) {}

  inScope(actor: Pick<Actor, 'node'>, villageCode: string): boolean {
    return this.kernel.platform.hierarchy.isInside(villageCode, actor.node);
  }

  isVillage(code: string): boolean {
    return this.kernel.platform.hierarchy.get(code)?.level === 'village';
  }
}

/**
 * The vetting service's moving parts: objections from the tip-line, and jobs that chase late joint
 * reviews and end notices, scheduled by a projection of the election streams (idempotent job ids).
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
  const projector = new Projector({
    pool,
    name: 'election-jobs',
    pollIntervalMs: 250,
    handle: async (events) => schedule(events.filter((e) => e.streamId.startsWith('village-election-'))),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'election jobs projection failed, will retry'),
  });
  const vetting = new Vetting(commands, kernel, projector);
  const roster = rosterRuntime(kernel);
  const assessments = assessmentRuntime(kernel, roster.port);
  const parts = [roster.runtime, assessments];
  return {
    consumes: { producers: ['tipline', 'auditing'], handle: vettingReactions({ contracts, commands }) },
    providers: [{ provide: Vetting, useValue: vetting }, ...parts.flatMap((p) => p.providers ?? [])],
    start: async () => {
      for (const p of parts) await p.start?.();
      jobs.register<{ streamId: string; nomineeId: string }>(CHASE_JOB, async ({ payload }) => {
        await commands.run(payload.streamId, null, (s, c) => chaseJointReview(s, payload.nomineeId, c));
      });
      jobs.register<{ streamId: string }>(NOTICE_END_JOB, async ({ payload }) => {
        await commands.run(payload.streamId, null, (s, c) => endNotice(s, c));
      });
      await projector.start();
    },
    stop: async () => {
      await projector.stop();
      for (const p of parts) await p.stop?.();
    },
  };
}
