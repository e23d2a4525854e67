import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKernel, serviceModule } from '@lw/runtime';
import { PublicTipsController } from './api/public-tips.controller';
import { StaffTipsController } from './api/staff-tips.controller';

/**
 * The tipline service as a Nest module. The host (apps/standalone, or this service's own main.ts in
 * distributed mode) builds its ServiceKernel with the adapters of the mode and passes it in; the
 * kernel's runtime (tiplineRuntime) provides the handlers behind its command and query buses.
 */
@Module({})
export class TiplineModule {
  static register(kernel: ServiceKernel): DynamicModule {
    return serviceModule(TiplineModule, kernel, { controllers: [PublicTipsController, StaffTipsController] });
  }
}
