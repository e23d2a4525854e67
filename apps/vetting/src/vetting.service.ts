import type { ServiceDefinition } from '@lw/runtime';
import { ASSESSMENT_READ_MODELS } from './infrastructure/assessment/assessment-read-models';
import { CAMPAIGN_READ_MODELS } from './infrastructure/campaign/campaign-read-models';
import { ELECTION_READ_MODELS } from './infrastructure/election/election-read-models';
import { ROSTER_READ_MODELS } from './infrastructure/roster/roster-read-models';
import { vettingMigrations } from './infrastructure/vetting.migrations';
import { vettingRuntime } from './infrastructure/vetting-runtime';
import { VettingModule } from './vetting.module';

/** What a host needs to run the vetting service: its name, Nest module, own migrations, read models and runtime. */
export const vettingService: ServiceDefinition = {
  name: 'vetting',
  module: VettingModule,
  migrations: vettingMigrations,
  readModels: [...ELECTION_READ_MODELS, ...ROSTER_READ_MODELS, ...ASSESSMENT_READ_MODELS, ...CAMPAIGN_READ_MODELS],
  runtime: vettingRuntime,
};
