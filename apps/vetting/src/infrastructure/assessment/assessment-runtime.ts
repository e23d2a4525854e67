import { integrationContracts } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { AssessmentDeps } from '../../application/assessment/assessment-deps';
import { ASSESSMENT_COMMAND_HANDLERS, AssessmentWriter } from '../../application/assessment/assessment.commands';
import { ASSESSMENT_QUERY_HANDLERS } from '../../application/assessment/assessment.queries';
import { AssessmentReadModel } from '../../application/assessment/assessment-read-model.port';
import { CountyTargetsHandler } from '../../application/assessment/targets.queries';
import { RosterPort } from '../../application/roster-port';
import { readYourWrites } from '../read-your-writes';
import { PgAssessmentReadModel } from './assessment-read-model';
import { projectAssessments } from './assessment-projection';

const ASSESSMENT_PROJECTION = 'assessments';

/**
 * Assessments' moving parts: the read-model projection of the assessment streams (its tables are the
 * entities of ASSESSMENT_READ_MODELS), the command handlers (which answer once the projection has
 * applied their append, so a clerk sees what was just saved), the assessment and county-targets
 * queries. They read the roster through its port and inject the service's Jurisdiction (provided by
 * vettingRuntime).
 */
export function assessmentRuntime(kernel: ServiceKernel, roster: RosterPort): ServiceRuntime {
  const { store, pool, readModels } = kernel;
  const projector = new Projector({
    pool,
    name: ASSESSMENT_PROJECTION,
    pollIntervalMs: 500,
    readModels,
    handle: projectAssessments,
    onError: (err) => kernel.logger.warn({ err: err.message }, 'assessment projection failed, will retry'),
  });
  const deps: AssessmentDeps = {
    store,
    contracts: integrationContracts(),
    now: () => new Date(),
    readYourWrites: readYourWrites(projector, ASSESSMENT_PROJECTION, kernel),
  };
  return {
    providers: [{ provide: AssessmentDeps, useValue: deps }, { provide: RosterPort, useValue: roster }, { provide: AssessmentReadModel, useValue: new PgAssessmentReadModel(readModels) }, AssessmentWriter],
    handlers: [...ASSESSMENT_COMMAND_HANDLERS, ...ASSESSMENT_QUERY_HANDLERS, CountyTargetsHandler],
    start: () => projector.start(),
    stop: () => projector.stop(),
  };
}
