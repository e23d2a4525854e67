import type { ServiceDefinition } from '@lw/runtime';
import { GrievanceModule } from './grievance.module';
import { grievanceMigrations } from './infrastructure/grievance.migrations';
import { grievanceRuntime } from './infrastructure/grievance-runtime';
import { GRIEVANCE_READ_MODELS } from './infrastructure/read-model/grievance-read-models';

/** What a host needs to run the grievance service: its name, Nest module, own migrations, read models and runtime. */
export const grievanceService: ServiceDefinition = {
  name: 'grievance',
  module: GrievanceModule,
  migrations: grievanceMigrations,
  readModels: GRIEVANCE_READ_MODELS,
  runtime: grievanceRuntime,
};
