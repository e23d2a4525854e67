import type { Mode, ServiceDefinition } from '@lw/runtime';
import { loadMasterKeys } from './infrastructure/confidential/master-key';
import { evidenceStorageFromEnv } from './infrastructure/evidence/evidence-storage.config';
import { tiplineMigrations } from './infrastructure/persistence/migrations';
import { TIPLINE_READ_MODELS } from './infrastructure/read-model/tipline-read-models';
import { tiplineRuntime } from './infrastructure/tipline-runtime';
import { TiplineModule } from './tipline.module';

/**
 * The tip-line's own settings, checked before connecting (distributed mode only: embedded mode
 * generates its master key into DATA_DIR on first start, which a check must not do).
 */
function checkSettings(env: NodeJS.ProcessEnv, mode: Mode): string[] {
  if (mode !== 'distributed') return [];
  const problems: string[] = [];
  const opts = { mode, dataDir: env.DATA_DIR ?? '.data' };
  for (const check of [() => loadMasterKeys(env, opts), () => evidenceStorageFromEnv(env, opts)]) {
    try {
      check();
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}

/** What a host needs to run the tipline service: its name, Nest module, own migrations, read models and runtime. */
export const tiplineService: ServiceDefinition = {
  name: 'tipline',
  module: TiplineModule,
  migrations: tiplineMigrations,
  readModels: TIPLINE_READ_MODELS,
  runtime: tiplineRuntime,
  checkSettings,
};
