import type { ServiceDefinition } from '@lw/runtime';
import { vettingMigrations } from './infrastructure/vetting.migrations';
import { vettingRuntime } from './infrastructure/vetting-runtime';
import { VettingModule } from './vetting.module';

/** What a host needs to run the vetting service: its name, Nest module, own migrations and runtime. */
export const vettingService: ServiceDefinition = {
  name: 'vetting',
  module: VettingModule,
  migrations: vettingMigrations,
  runtime: vettingRuntime,
};
