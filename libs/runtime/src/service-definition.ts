import type { DynamicModule } from '@nestjs/common';
import type { Migration } from '@lw/db';
import type { IntegrationHandler } from '@lw/messaging';
import type { ServiceKernel } from './service-kernel';
import type { ServiceName } from './services';

/** What a host (standalone, or the service's own main) needs to run one service. */
export interface ServiceDefinition {
  name: ServiceName;
  module: { register(kernel: ServiceKernel): DynamicModule };
  migrations: readonly Migration[];
  consumes?: { producers: string[]; handle: IntegrationHandler };
}
