// One service replica as its own process, as apps/<service>/src/main.ts starts it (runDistributedMain),
// but with kafkajs's consumer timings for the test broker (FAST_KAFKA_SETTINGS): the broker completes
// a group's rebalance only about one session timeout after a member joins or dies, which with the
// production defaults (30 s) keeps a second replica without partitions for minutes when eight
// processes join four groups. Usage: node -r @swc-node/register tools/scenario/src/replica-main.ts <service>
import 'reflect-metadata';
import { auditingService } from '@lw/auditing';
import { grievanceService } from '@lw/grievance';
import { logLevel, type logCreator } from 'kafkajs';
import { FAST_KAFKA_SETTINGS } from '@lw/messaging';
import { createLogger, loadServiceConfig, startDistributedService, type ServiceDefinition } from '@lw/runtime';
import { tiplineService } from '@lw/tipline';
import { vettingService } from '@lw/vetting';

const DEFINITIONS: Record<string, ServiceDefinition> = { vetting: vettingService, tipline: tiplineService, auditing: auditingService, grievance: grievanceService };

const definition = DEFINITIONS[process.argv[2] ?? ''];
if (!definition) {
  console.error(`usage: replica-main.ts <${Object.keys(DEFINITIONS).join('|')}>`);
  process.exit(2);
}
const config = loadServiceConfig(definition, process.env, 'distributed');
const log = createLogger({ service: definition.name, level: config.logLevel });
// kafkajs's own errors go to the process output, which the tests keep. The rebalance timeout stays
// long: with FAST's 3 s the broker may end a join round without a member that is still syncing and
// answer its SyncGroup with an error kafkajs does not restart from (KafkaBus then replaces the consumer).
const logKafkaErrors: logCreator = () => ({ namespace, log }) => {
  console.log(JSON.stringify({ level: 'error', logger: 'kafkajs', namespace, message: log.message, error: log.error }));
};
const kafka = {
  consumer: { ...FAST_KAFKA_SETTINGS.consumer, rebalanceTimeout: 30_000 },
  client: { ...FAST_KAFKA_SETTINGS.client, logLevel: logLevel.ERROR, logCreator: logKafkaErrors },
};
startDistributedService(definition, config, { logger: log, kafka })
  .then((running) => {
    log.info({ url: running.url }, 'service listening');
    const shutdown = (signal: string): void => {
      log.info({ signal }, 'draining and shutting down');
      running.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  })
  .catch((err: Error) => {
    log.fatal({ err: err.message }, 'service failed to start');
    process.exit(1);
  });
