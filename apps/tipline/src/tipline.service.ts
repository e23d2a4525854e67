import type { ServiceDefinition } from '@lw/runtime';
import { TiplineModule } from './tipline.module';

/** What a host needs to run the tipline service: its name, Nest module and own migrations. */
export const tiplineService: ServiceDefinition = {
  name: 'tipline',
  module: TiplineModule,
  migrations: [],
};
