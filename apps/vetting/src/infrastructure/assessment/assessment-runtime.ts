import { integrationContracts } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { AssessmentDeps } from '../../application/assessment/assessment-deps';
import { ASSESSMENT_COMMAND_HANDLERS, AssessmentWriter } from '../../application/assessment/assessment.commands';
import { ASSESSMENT_QUERY_HANDLERS } from '../../application/assessment/assessment.queries';
import { AssessmentReadModel } from '../../application/assessment/assessment-read-model.port';
import { CountyTargetsHandler } from '../../application/assessment/targets.queries';
import { RosterPort } from '../../application/roster-port';
import { PgAssessmentReadModel } from './assessment-read-model';
import { projectAssessments } from './assessment-projection';

/**
 * Assessments' moving parts: the read-model projection of the assessment streams (its tables are the
 * entities of ASSESSMENT_READ_MODELS), the command
 * handlers (which catch the projection up after appending, so a clerk sees what was just saved), the
 * assessment and county-targets queries. They read the roster through its port and inject the
 * service's Jurisdiction (provided by vettingRuntime).
 */
export function assessmentRuntime(kernel: ServiceKernel, roster: RosterPort): ServiceRuntime {
  const { store, pool, readModels } = kernel;
  const projector = new Projector({
    pool,
    name: 'assessments',
    pollIntervalMs: 500,
    readModels,
    handle: projectAssessments,
    onError: (err) => kernel.logger.warn({ err: err.message }, 'assessment projection failed, will retry'),
  });
  const deps: AssessmentDeps = {
    store,
    contracts: integrationContracts(),
    now: () => new Date(),
    // Read-your-writes; a failure here is only lateness (the projector's loop retries), never a failed command.
    afterAppend: () => projector.catchUp().catch((err: Error) => kernel.logger.warn({ err: err.message }, 'assessment projection catch-up failed')),
  };
  return {
    providers: [{ provide: AssessmentDeps, useValue: deps }, { provide: RosterPort, useValue: roster }, { provide: AssessmentReadModel, useValue: new PgAssessmentReadModel(readModels) }, AssessmentWriter],
    handlers: [...ASSESSMENT_COMMAND_HANDLERS, ...ASSESSMENT_QUERY_HANDLERS, CountyTargetsHandler],
    start: () => projector.start(),
    stop: () => projector.stop(),
  };
}
