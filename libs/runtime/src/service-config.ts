import { ConfigError, loadConfig, Mode, RuntimeConfig } from './config';
import type { ServiceDefinition } from './service-definition';

/**
 * loadConfig plus the service's own checks, all problems in one ConfigError: an operator fixes a
 * deployment in one round instead of one variable per restart.
 */
export function loadServiceConfig(definition: Pick<ServiceDefinition, 'checkSettings'>, env: NodeJS.ProcessEnv, defaultMode: Mode): RuntimeConfig {
  let config: RuntimeConfig | undefined;
  const problems: string[] = [];
  try {
    config = loadConfig(env, defaultMode);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  const mode: Mode = config?.mode ?? (env.LW_MODE === 'embedded' || env.LW_MODE === 'distributed' ? env.LW_MODE : defaultMode);
  problems.push(...(definition.checkSettings?.(env, mode) ?? []));
  if (problems.length || !config) throw new ConfigError(problems);
  return config;
}
