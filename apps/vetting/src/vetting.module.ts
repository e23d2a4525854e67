import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKernel, serviceModule } from '@lw/runtime';
import { AssessmentController } from './api/assessment/assessment.controller';
import { ElectionController } from './api/election.controller';
import { PolicyPackController } from './api/policy-pack.controller';
import { VillageElectionController } from './api/village-election.controller';
import { RosterController } from './api/roster/roster.controller';
import { TargetsController } from './api/assessment/targets.controller';
import { CampaignPackController } from './api/campaign/campaign-pack.controller';
import { CampaignController } from './api/campaign/campaign.controller';
import { DossierController } from './api/campaign/dossier.controller';

/**
 * The vetting service as a Nest module. The host builds its ServiceKernel with the adapters of the
 * mode and passes it in; the kernel's runtime (vettingRuntime) provides what the controllers use.
 */
@Module({})
export class VettingModule {
  static register(kernel: ServiceKernel): DynamicModule {
    return serviceModule(VettingModule, kernel, { controllers: [ElectionController, VillageElectionController, PolicyPackController, RosterController, AssessmentController, TargetsController, CampaignPackController, CampaignController, DossierController] });
  }
}
