import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKernel, serviceModule } from '@lw/runtime';
import { EngagementController } from './api/engagement.controller';
import { ReportsController } from './api/reports.controller';

/**
 * The auditing service as a Nest module. The host (apps/standalone, or this service's own main.ts in
 * distributed mode) builds its ServiceKernel with the adapters of the mode and passes it in; the
 * controllers dispatch to the handlers of the kernel's runtime (auditingRuntime) through its buses.
 */
@Module({})
export class AuditingModule {
  static register(kernel: ServiceKernel): DynamicModule {
    return serviceModule(AuditingModule, kernel, { controllers: [EngagementController, ReportsController] });
  }
}
