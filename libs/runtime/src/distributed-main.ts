import { ConfigError } from './config';
import { startDistributedService } from './distributed';
import { createLogger } from './logger';
import type { ServiceDefinition } from './service-definition';
import { loadServiceConfig } from './service-config';

const SHUTDOWN_DEADLINE_MS = 25_000;

/** Entry point of one service process: refuses to start on missing settings, stops gracefully. */
export function runDistributedMain(definition: ServiceDefinition): void {
  let config;
  try {
    config = loadServiceConfig(definition, process.env, 'distributed');
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
        // Below Kubernetes' default 30 s grace: exit on our own terms rather than be killed mid-commit.
        setTimeout(() => {
          log.error({ signal }, 'graceful shutdown took too long; exiting');
          process.exit(1);
        }, SHUTDOWN_DEADLINE_MS).unref();
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
