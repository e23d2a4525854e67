import type { ServiceDefinition } from '@lw/runtime';
import { tiplineMigrations } from './infrastructure/persistence/migrations';
import { tiplineRuntime } from './infrastructure/tipline-runtime';
import { TiplineModule } from './tipline.module';

/** What a host needs to run the tipline service: its name, Nest module, own migrations and runtime. */
export const tiplineService: ServiceDefinition = {
  name: 'tipline',
  module: TiplineModule,
  migrations: tiplineMigrations,
  runtime: tiplineRuntime,
};
