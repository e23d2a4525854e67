import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKernel, serviceModule } from '@lw/runtime';
import { CasesController } from './api/cases.controller';
import { LedgerController } from './api/ledger.controller';
import { LiaisonsController } from './api/liaisons.controller';

/**
 * The grievance service as a Nest module. The host (apps/standalone, or this service's own main.ts in
 * distributed mode) builds its ServiceKernel with the adapters of the mode and passes it in; the
 * controllers dispatch to the kernel's buses, whose handlers grievanceRuntime lists.
 */
@Module({})
export class GrievanceModule {
  static register(kernel: ServiceKernel): DynamicModule {
    return serviceModule(GrievanceModule, kernel, { controllers: [CasesController, LedgerController, LiaisonsController] });
  }
}
