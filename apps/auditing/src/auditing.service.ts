import type { ServiceDefinition } from '@lw/runtime';
import { AuditingModule } from './auditing.module';

/** What a host needs to run the auditing service: its name, Nest module and own migrations. */
export const auditingService: ServiceDefinition = {
  name: 'auditing',
  module: AuditingModule,
  migrations: [],
};
