import type { KafkaBusOptions } from './kafka-bus.options';

/**
 * kafkajs settings that make consumer groups join and rebalance in a few seconds instead of the
 * production defaults' tens of seconds; for tests and benchmarks against the test broker.
 */
export const FAST_KAFKA_SETTINGS: Pick<KafkaBusOptions, 'consumer' | 'client'> = {
  consumer: {
    sessionTimeout: 6000,
    heartbeatInterval: 300,
    rebalanceTimeout: 3000,
    metadataMaxAge: 3000,
    maxWaitTimeInMs: 50,
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 10 },
  },
  client: {
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 3 },
  },
};
