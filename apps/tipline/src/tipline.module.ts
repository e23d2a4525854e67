import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKernel, serviceModule } from '@lw/runtime';

/**
 * The tipline service as a Nest module. The host (apps/standalone, or this service's own main.ts in
 * distributed mode) builds its ServiceKernel with the adapters of the mode and passes it in.
 */
@Module({})
export class TiplineModule {
  static register(kernel: ServiceKernel): DynamicModule {
    return serviceModule(TiplineModule, kernel);
  }
}
