import { ConfigError, loadConfig } from './config';
import { startDistributedService } from './distributed';
import { createLogger } from './logger';
import type { ServiceDefinition } from './service-definition';

/** Entry point of one service process: refuses to start on missing settings, stops gracefully. */
export function runDistributedMain(definition: ServiceDefinition): void {
  let config;
  try {
    config = loadConfig(process.env, 'distributed');
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${definition.name}: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ service: definition.name, level: config.logLevel });
  startDistributedService(definition, config, { logger: log })
    .then((running) => {
      log.info({ url: running.url }, 'service listening');
      const shutdown = (signal: string) => {
        log.info({ signal }, 'draining and shutting down');
        running.stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    })
    .catch((err) => {
      log.fatal({ err: (err as Error).message }, 'service failed to start');
      process.exit(1);
    });
}
