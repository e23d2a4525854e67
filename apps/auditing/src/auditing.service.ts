import type { ServiceDefinition } from '@lw/runtime';
import { AuditingModule } from './auditing.module';
import { auditingMigrations } from './infrastructure/auditing.migrations';
import { auditingRuntime } from './infrastructure/auditing-runtime';

/** What a host needs to run the auditing service: its name, Nest module, own migrations and runtime. */
export const auditingService: ServiceDefinition = {
  name: 'auditing',
  module: AuditingModule,
  migrations: auditingMigrations,
  runtime: auditingRuntime,
};
