// `npm start`: the whole product in one process with an embedded PostgreSQL; no servers needed.
import 'reflect-metadata';
import { ConfigError, createLogger, loadConfig } from '@lw/runtime';
import pretty from 'pino-pretty';
import { startStandalone } from './standalone';
import { summary } from './summary';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, 'embedded');
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // At a terminal, readable lines; piped or collected, JSON as in distributed mode.
  const destination = process.stdout.isTTY ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }) : undefined;
  const log = createLogger({ service: 'standalone', level: config.logLevel, destination });
  const started = Date.now();
  const running = await startStandalone({ config, logger: log });
  console.log(summary(running, Date.now() - started));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Readiness answers 503 at once, so a load balancer stops sending before the host stops.
    for (const k of running.kernels) k.beginDrain();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  // A setting the operator can fix is said in one paragraph, not a stack trace.
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
