/**
 * Kafka topic naming. Each producing service owns one topic, `<prefix>.<producer>.events`, keyed
 * by village code so one village's events stay ordered; each consuming service owns one dead-letter
 * topic, `<prefix>.<consumer>.dlq`. Infra declares these (the mock and dev clusters auto-create).
 */
export const DEFAULT_TOPIC_PREFIX = 'lw';

/** Partition key for events that belong to no village (county-wide). */
export const COUNTY_KEY = '_county';

export function integrationTopic(producer: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${producer}.events`;
}

export function deadLetterTopic(consumer: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${consumer}.dlq`;
}

export function consumerGroup(consumer: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${consumer}`;
}

export function orderingKey(villageCode: string | null): string {
  return villageCode ?? COUNTY_KEY;
}

export interface TopicDeclaration {
  name: string;
  partitions: number;
  /** What the topic carries, for the topic spec in infra/. */
  purpose: 'events' | 'dead-letters';
}

/** Every topic a deployment needs, for infra to create with the right partition counts. */
export function topicDeclarations(
  services: readonly string[],
  options: { prefix?: string; partitions?: number; deadLetterPartitions?: number } = {},
): TopicDeclaration[] {
  const prefix = options.prefix ?? DEFAULT_TOPIC_PREFIX;
  return services.flatMap((s) => [
    { name: integrationTopic(s, prefix), partitions: options.partitions ?? 12, purpose: 'events' as const },
    { name: deadLetterTopic(s, prefix), partitions: options.deadLetterPartitions ?? 1, purpose: 'dead-letters' as const },
  ]);
}
