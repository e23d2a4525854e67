import { integrationContracts } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { AssessmentCommands } from '../../application/assessment/assessment-commands';
import { CountyTargetsQuery } from '../../application/assessment/county-targets-query';
import type { RosterPort } from '../../application/roster-port';
import { AssessmentReadModel } from './assessment-read-model';
import { projectAssessments } from './assessment-projection';
import { Assessments } from './assessments';

/**
 * Assessments' moving parts: the read-model projection of the assessment streams, the commands (which
 * catch the projection up after appending, so a clerk sees what was just saved), the targets query.
 */
export function assessmentRuntime(kernel: ServiceKernel, roster: RosterPort): ServiceRuntime {
  const { platform, store, pool } = kernel;
  const inside = (code: string, node: string) => platform.hierarchy.isInside(code, node);
  const projector = new Projector({
    pool,
    name: 'assessments',
    pollIntervalMs: 500,
    handle: projectAssessments,
    onError: (err) => kernel.logger.warn({ err: err.message }, 'assessment projection failed, will retry'),
  });
  const commands = new AssessmentCommands({
    store,
    contracts: integrationContracts(),
    roster,
    inScope: (actor, village) => inside(village, actor.node),
    isVillage: (code) => platform.hierarchy.get(code)?.level === 'village',
    // Read-your-writes; a failure here is only lateness (the projector's loop retries), never a failed command.
    afterAppend: () => projector.catchUp().catch((err: Error) => kernel.logger.warn({ err: err.message }, 'assessment projection catch-up failed')),
  });
  const targets = new CountyTargetsQuery({ roster, inScope: (actor, scope) => inside(scope, actor.node) });
  const assessments = new Assessments(commands, new AssessmentReadModel(pool), targets, projector, inside);
  return {
    providers: [{ provide: Assessments, useValue: assessments }],
    start: () => projector.start(),
    stop: () => projector.stop(),
  };
}
