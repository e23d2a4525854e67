import type { DynamicModule } from '@nestjs/common';
import type { Migration } from '@lw/db';
import type { Mode } from './config';
import type { IntegrationHandler } from '@lw/messaging';
import type { ServiceKernel } from './service-kernel';
import type { ServiceName } from './services';
import type { ServiceRuntime } from './service-runtime';

/** What a host (standalone, or the service's own main) needs to run one service. */
export interface ServiceDefinition {
  name: ServiceName;
  module: { register(kernel: ServiceKernel): DynamicModule };
  migrations: readonly Migration[];
  consumes?: { producers: string[]; handle: IntegrationHandler };
  /** Its read-model tables as TypeORM entity classes (the tables themselves come from `migrations`). */
  readModels?: readonly (new () => object)[];
  /** The service's moving parts, built by the kernel after migrating (see ServiceRuntime). */
  runtime?: (kernel: ServiceKernel) => ServiceRuntime;
  /**
   * The service's own settings checked before anything starts, so a process missing e.g.
   * TIPLINE_MASTER_KEY refuses to start naming it together with the platform's missing settings,
   * instead of after connecting and migrating. One sentence per problem, naming the variable.
   */
  checkSettings?(env: NodeJS.ProcessEnv, mode: Mode): string[];
}
