import type { ServiceDefinition } from '@lw/runtime';
import { VettingModule } from './vetting.module';

/** What a host needs to run the vetting service: its name, Nest module and own migrations. */
export const vettingService: ServiceDefinition = {
  name: 'vetting',
  module: VettingModule,
  migrations: [],
};
