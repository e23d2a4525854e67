import type { ServiceDefinition } from '@lw/runtime';
import { GrievanceModule } from './grievance.module';
import { grievanceMigrations } from './infrastructure/grievance.migrations';
import { grievanceRuntime } from './infrastructure/grievance-runtime';

/** What a host needs to run the grievance service: its name, Nest module, own migrations and runtime. */
export const grievanceService: ServiceDefinition = {
  name: 'grievance',
  module: GrievanceModule,
  migrations: grievanceMigrations,
  runtime: grievanceRuntime,
};
