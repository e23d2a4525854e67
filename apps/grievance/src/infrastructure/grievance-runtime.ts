import { integrationContracts } from '@lw/domain';
import { EventStore, Projector } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import type { GrievancePolicy } from '../domain';
import { CASE_COMMAND_HANDLERS } from '../application/case.commands';
import { CASE_QUERY_HANDLERS } from '../application/case.queries';
import { CasePlacement } from '../application/case-placement';
import { CaseReadModel, LedgerSpreadsheet } from '../application/case-read-model.port';
import { CaseRecorder } from '../application/case-recorder';
import { grievanceReactions } from '../application/grievance-reactions';
import { grievancePolicyFrom } from '../application/grievance-settings';
import { LIAISON_COMMAND_HANDLERS } from '../application/liaison.commands';
import { LiaisonDirectory } from '../application/liaison-directory.port';
import { LIAISON_QUERY_HANDLERS } from '../application/liaison.queries';
import { LightJobs } from '../application/light-jobs';
import { PgLiaisonDirectory } from './pg-liaison-directory';
import { CaseLedgerRecord } from './read-model/case-ledger.entity';
import { caseLedgerProjection } from './read-model/case-ledger.projection';
import { CaseQueries } from './read-model/case-queries';
import { ledgerWorkbook } from './read-model/ledger-workbook';

/** Settings a test may fix instead of reading them from the environment and the wall clock. */
export interface GrievanceOverrides {
  policy?: GrievancePolicy;
  clock?: () => Date;
}

/** Grievance's moving parts for the kernel: handlers and what they inject, consumer, light jobs, ledger projection. */
export function grievanceRuntime(kernel: ServiceKernel, overrides: GrievanceOverrides = {}): ServiceRuntime {
  const { platform, pool, store, jobs } = kernel;
  const jurisdiction = new Jurisdiction(platform.hierarchy);
  const lights = new LightJobs(jobs, () => kernel.commandBus);
  const projector = new Projector({
    pool,
    name: 'case-ledger',
    pollIntervalMs: 250,
    readModels: kernel.readModels,
    handle: caseLedgerProjection({ store, scheduleLights: (id, d, tx) => lights.schedule(id, d, tx) }),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'case-ledger projection failed, will retry'),
  });
  const recorder = new CaseRecorder({
    store,
    contracts: integrationContracts(),
    policy: overrides.policy ?? grievancePolicyFrom(platform.env),
    calendar: () => platform.calendar.calendar(),
    readYourWrites: (txId) => projector.waitPast(txId),
    clock: overrides.clock,
  });
  const nameOf = (code: string) => platform.hierarchy.get(code)?.name ?? code;
  return {
    consumes: grievanceReactions({ store, commands: () => kernel.commandBus, log: kernel.logger, root: jurisdiction.root }),
    handlers: [...CASE_COMMAND_HANDLERS, ...LIAISON_COMMAND_HANDLERS, ...CASE_QUERY_HANDLERS, ...LIAISON_QUERY_HANDLERS],
    providers: [
      { provide: EventStore, useValue: store },
      { provide: Jurisdiction, useValue: jurisdiction },
      { provide: CaseRecorder, useValue: recorder },
      { provide: CasePlacement, useValue: new CasePlacement(jurisdiction, platform.hierarchy) },
      { provide: LiaisonDirectory, useValue: new PgLiaisonDirectory(pool) },
      { provide: CaseReadModel, useValue: new CaseQueries(kernel.readModels, nameOf, () => platform.calendar.calendar()) },
      { provide: LedgerSpreadsheet, useValue: { write: ledgerWorkbook } },
    ],
    start: async () => {
      lights.register();
      await projector.start();
    },
    stop: () => projector.stop(),
    metrics: [
      {
        name: 'lw_grievance_cases_red',
        help: 'Open rectification cases past their deadline (red light), at scrape time',
        read: () => kernel.readModels.getRepository(CaseLedgerRecord).createQueryBuilder('c').where(`c.status <> 'closed' AND c.deadlineEndsAt <= now()`).getCount(),
      },
    ],
  };
}
