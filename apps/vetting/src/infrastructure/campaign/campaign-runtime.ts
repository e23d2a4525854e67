import { integrationContracts } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { CampaignAccess } from '../../application/campaign/campaign-access';
import { CampaignDeps } from '../../application/campaign/campaign-deps';
import { CampaignPackCatalog } from '../../application/campaign/campaign-pack-catalog';
import { ReleaseCampaignPackHandler } from '../../application/campaign/campaign-pack.commands';
import { CampaignReadModel } from '../../application/campaign/campaign-read-model.port';
import { CAMPAIGN_REPORT_HANDLERS } from '../../application/campaign/campaign-reports';
import { CAMPAIGN_COMMAND_HANDLERS, CampaignWriter } from '../../application/campaign/campaign.commands';
import { CAMPAIGN_QUERY_HANDLERS } from '../../application/campaign/campaign.queries';
import { DOSSIER_COMMAND_HANDLERS, DossierWriter } from '../../application/campaign/dossier.commands';
import { readYourWrites } from '../read-your-writes';
import { projectCampaigns } from './campaign-projection';
import { PgCampaignReadModel } from './campaign-read-model';

export const CAMPAIGN_PROJECTION = 'campaigns';

/**
 * Inspection campaigns' moving parts: the projection of the campaign and dossier streams (tables
 * of CAMPAIGN_READ_MODELS), the pack catalogue, the command handlers (answering once the projection
 * has applied their append), the queries and the frozen reports. The service's Jurisdiction and
 * Hierarchy come from vettingRuntime.
 */
export function campaignRuntime(kernel: ServiceKernel, jurisdiction: Jurisdiction, hierarchy: Hierarchy): ServiceRuntime {
  const { store, pool, readModels } = kernel;
  const projector = new Projector({
    pool,
    name: CAMPAIGN_PROJECTION,
    pollIntervalMs: 250,
    readModels,
    handle: projectCampaigns,
    onError: (err) => kernel.logger.warn({ err: err.message }, 'campaign projection failed, will retry'),
  });
  const deps: CampaignDeps = {
    store,
    contracts: integrationContracts(),
    now: () => new Date(),
    readYourWrites: readYourWrites(projector, CAMPAIGN_PROJECTION, kernel),
  };
  return {
    providers: [
      { provide: CampaignDeps, useValue: deps },
      { provide: CampaignAccess, useValue: new CampaignAccess(store, jurisdiction, hierarchy) },
      { provide: CampaignPackCatalog, useValue: new CampaignPackCatalog(store) },
      { provide: CampaignReadModel, useValue: new PgCampaignReadModel(readModels) },
      CampaignWriter,
      DossierWriter,
    ],
    handlers: [...CAMPAIGN_COMMAND_HANDLERS, ...DOSSIER_COMMAND_HANDLERS, ...CAMPAIGN_QUERY_HANDLERS, ...CAMPAIGN_REPORT_HANDLERS, ReleaseCampaignPackHandler],
    start: () => projector.start(),
    stop: () => projector.stop(),
  };
}
