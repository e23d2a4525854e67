import { Kafka, logLevel } from 'kafkajs';
import { KafkaTestBrokerOptions, startKafkaTestBroker, TopicSpec } from './kafka-broker';

export * from './kafka-broker';

/** A Kafka cluster for one test file: the project's mock cluster, or a real one from KAFKA_BROKERS. */
export interface TestKafka {
  brokers: string[];
  /** True when KAFKA_BROKERS pointed at a real cluster. */
  external: boolean;
  /**
   * Whether kafkajs's idempotent producer may be used: librdkafka's mock answers InitProducerId
   * in a way kafkajs rejects, so it is off against the mock and on against a real cluster.
   */
  idempotentProducer: boolean;
  createTopics(topics: TopicSpec[]): Promise<void>;
  /** Fault injection; only the mock cluster supports it. */
  down(id: number | 'all'): Promise<void>;
  up(id: number | 'all'): Promise<void>;
  stop(): Promise<void>;
}

export interface KafkaForTestsOptions extends KafkaTestBrokerOptions {
  /**
   * The test takes brokers down and up. That needs the mock cluster, so it is started even when
   * KAFKA_BROKERS is set (a real cluster cannot be stopped from a test).
   */
  faults?: boolean;
}

export async function kafkaForTests(options: KafkaForTestsOptions = {}): Promise<TestKafka> {
  const external = process.env.KAFKA_BROKERS;
  if (external && !options.faults) return externalCluster(external.split(',').map((b) => b.trim()), options.topics ?? []);
  const broker = await startKafkaTestBroker(options);
  return {
    brokers: broker.bootstrap,
    external: false,
    idempotentProducer: false,
    async createTopics(topics) {
      for (const t of topics) await broker.createTopic(t);
    },
    down: (id) => broker.down(id),
    up: (id) => broker.up(id),
    stop: () => broker.stop(),
  };
}

async function externalCluster(brokers: string[], initial: TopicSpec[]): Promise<TestKafka> {
  const unsupported = async (): Promise<void> => {
    throw new Error('broker faults are not supported with an external cluster (KAFKA_BROKERS): use kafkaForTests({ faults: true })');
  };
  const createTopics = async (topics: TopicSpec[]): Promise<void> => {
    if (!topics.length) return;
    const admin = new Kafka({ clientId: 'lw-tests', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((t) => ({ topic: t.name, numPartitions: t.partitions ?? 1 })),
      });
    } finally {
      await admin.disconnect();
    }
  };
  await createTopics(initial);
  return { brokers, external: true, idempotentProducer: true, createTopics, down: unsupported, up: unsupported, stop: async () => undefined };
}
