import type { ServiceDefinition } from '@lw/runtime';
import { AuditingModule } from './auditing.module';
import { auditingMigrations } from './infrastructure/auditing.migrations';
import { auditingRuntime } from './infrastructure/auditing-runtime';
import { AUDITING_READ_MODELS } from './infrastructure/read-model/auditing-read-models';

/** What a host needs to run the auditing service: its name, Nest module, own migrations, read models and runtime. */
export const auditingService: ServiceDefinition = {
  name: 'auditing',
  module: AuditingModule,
  migrations: auditingMigrations,
  readModels: AUDITING_READ_MODELS,
  runtime: auditingRuntime,
};
