import { randomBytes } from 'crypto';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import pino from 'pino';
import { kafkaForTests, TestKafka } from '@lw/testing';
import { CONTRACT_CONSUMERS, CONTRACT_PRODUCER, DeadLetterView, describeBusContract } from '../contract/bus.contract';
import { peekIdentity } from '../envelope-codec';
import { deadLetterTopic, integrationTopic } from '../topics';
import { KafkaBus } from './kafka-bus';
import { FAST_KAFKA_SETTINGS } from './kafka-test-settings';

describeBusContract('Kafka (kafkajs against the Kafka test broker)', async ({ retry }) => {
  const prefix = `t${randomBytes(3).toString('hex')}`;
  const kafka: TestKafka = await kafkaForTests();
  await kafka.createTopics([
    { name: integrationTopic(CONTRACT_PRODUCER, prefix), partitions: 3 },
    ...CONTRACT_CONSUMERS.map((c) => ({ name: deadLetterTopic(c, prefix), partitions: 1 })),
  ]);
  const bus = new KafkaBus({
    brokers: kafka.brokers,
    clientId: 'contract',
    topicPrefix: prefix,
    idempotentProducer: kafka.idempotentProducer,
    retry,
    ...FAST_KAFKA_SETTINGS,
    logger: pino({ level: 'silent' }),
  });

  // Reads the dead-letter topics from the start, as an operator's tool would.
  const client = new Kafka({ clientId: 'contract-tools', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const dead = new Map<string, DeadLetterView[]>();
  const reader: Consumer = client.consumer({ groupId: `${prefix}.dlq-reader`, ...FAST_KAFKA_SETTINGS.consumer });
  await reader.connect();
  await reader.subscribe({ topics: CONTRACT_CONSUMERS.map((c) => deadLetterTopic(c, prefix)), fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const h = (k: string): string => message.headers?.[k]?.toString() ?? '';
      const consumer = h('dlq-consumer');
      const list = dead.get(consumer) ?? [];
      list.push({ eventId: peekIdentity(message.value?.toString() ?? '').id, error: h('dlq-error'), attempts: Number(h('dlq-attempts')) });
      dead.set(consumer, list);
    },
  });
  const raw: Producer = client.producer({ allowAutoTopicCreation: false });
  await raw.connect();

  return {
    bus,
    async injectRaw(producer, villageCode, value) {
      await raw.send({ topic: integrationTopic(producer, prefix), acks: -1, messages: [{ key: villageCode, value }] });
    },
    deadLetters: async (consumer) => dead.get(consumer) ?? [],
    async close() {
      await reader.disconnect();
      await raw.disconnect();
      await kafka.stop();
    },
  };
});
