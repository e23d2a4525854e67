import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { newEnvelope, type IntegrationEvent } from '@lw/domain';
import { deadLetterTopic, FAST_KAFKA_SETTINGS, integrationTopic } from '@lw/messaging';

/** A valid tipline.TipConcluded with rectification: grievance opens a case for it. */
export function tipConcludedEnvelope(village: string, name: string, tipId = randomUUID()): IntegrationEvent {
  return newEnvelope({
    type: 'tipline.TipConcluded',
    version: 1,
    producer: 'tipline',
    villageCode: village,
    actor: null,
    payload: {
      tipId,
      concludedAt: new Date().toISOString(),
      finding: 'substantiated',
      falseAccusation: false,
      category: 'collective_funds',
      villageCode: village,
      subjects: [{ kind: 'person', name, villageCode: village }],
      needsRectification: true,
    },
  });
}

export interface DeadLetter {
  consumer: string;
  error: string;
  attempts: number;
  value: string;
}

/**
 * Kafka as an operator's tool sees it: writes raw values onto the tip-line's topic (keyed by
 * village, so they share a partition with, and are ordered among, the valid ones) and reads the
 * consumers' dead-letter topics from the beginning.
 */
export async function rawKafka(brokers: string[]) {
  const kafka = new Kafka({ clientId: 'faults-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  const dead: DeadLetter[] = [];
  const reader = kafka.consumer({ groupId: `faults-dlq-${randomUUID()}`, ...FAST_KAFKA_SETTINGS.consumer });
  await reader.connect();
  await reader.subscribe({ topics: ['vetting', 'grievance'].map((c) => deadLetterTopic(c)), fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const h = (k: string) => message.headers?.[k]?.toString() ?? '';
      dead.push({ consumer: h('dlq-consumer'), error: h('dlq-error'), attempts: Number(h('dlq-attempts')), value: message.value?.toString() ?? '' });
    },
  });
  return {
    dead,
    async sendToTipline(key: string, values: string[]): Promise<void> {
      await producer.send({ topic: integrationTopic('tipline'), acks: -1, messages: values.map((value) => ({ key, value })) });
    },
    async close(): Promise<void> {
      await reader.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    },
  };
}
