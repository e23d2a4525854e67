import type { ServiceDefinition } from '@lw/runtime';
import { GrievanceModule } from './grievance.module';

/** What a host needs to run the grievance service: its name, Nest module and own migrations. */
export const grievanceService: ServiceDefinition = {
  name: 'grievance',
  module: GrievanceModule,
  migrations: [],
};
