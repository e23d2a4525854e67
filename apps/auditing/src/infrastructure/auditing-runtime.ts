import { integrationContracts } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { DEFAULT_AUDIT_POLICY } from '../domain/engagement';
import { AuditDocuments } from '../application/audit-documents.port';
import { AuditPlaces } from '../application/audit-places';
import { auditingReactions } from '../application/auditing-reactions';
import { AuditingReadModel } from '../application/auditing-read-model.port';
import { ENGAGEMENT_COMMAND_HANDLERS } from '../application/engagement.commands';
import { ENGAGEMENT_QUERY_HANDLERS } from '../application/engagement.queries';
import { Engagements } from '../application/engagements';
import { officeDocuments } from './documents/office-documents';
import { engagementProjection } from './read-model/engagement.projection';
import { AuditingQueries } from './read-model/auditing-queries';

/** The auditing service's moving parts: its handlers and what they use, reactions to vetting and grievance, the read-model projection. */
export function auditingRuntime(kernel: ServiceKernel): ServiceRuntime {
  const { platform, pool, store } = kernel;
  const policy = DEFAULT_AUDIT_POLICY;
  const contracts = integrationContracts();
  const jurisdiction = new Jurisdiction(platform.hierarchy);
  const places = new AuditPlaces(platform.hierarchy, jurisdiction);
  const projector = new Projector({
    pool,
    name: 'engagements',
    pollIntervalMs: 250,
    readModels: kernel.readModels,
    handle: engagementProjection(store),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'engagement projection failed, will retry'),
  });
  const engagements = new Engagements({ store, jurisdiction, contracts, policy, calendar: () => platform.calendar.calendar(), onAppended: () => projector.wake() });
  return {
    consumes: auditingReactions({ contracts, commands: () => kernel.commandBus, log: kernel.logger }),
    providers: [
      { provide: Engagements, useValue: engagements },
      { provide: Jurisdiction, useValue: jurisdiction },
      { provide: AuditPlaces, useValue: places },
      { provide: AuditingReadModel, useValue: new AuditingQueries(kernel.readModels, policy, (code) => places.villageName(code)) },
      { provide: AuditDocuments, useValue: officeDocuments(policy) },
    ],
    handlers: [...ENGAGEMENT_COMMAND_HANDLERS, ...ENGAGEMENT_QUERY_HANDLERS],
    start: () => projector.start(),
    stop: () => projector.stop(),
  };
}
