import type { ConsumerConfig, KafkaConfig } from 'kafkajs';
import type { ContractCheck } from '../envelope-codec';
import type { BusLogger } from '../logger';
import type { RetryPolicy } from '../retry-policy';

export interface KafkaBusOptions {
  brokers: string[];
  /** Names this process in broker logs, e.g. "vetting". */
  clientId: string;
  /** Topic and consumer-group prefix, "lw" by default (tests use a unique one per run). */
  topicPrefix?: string;
  /**
   * kafkajs's idempotent producer (no duplicates from producer retries). Off by default because
   * librdkafka's mock cluster cannot serve it; turn it on against a real cluster.
   */
  idempotentProducer?: boolean;
  /** Handler retries before a message is dead-lettered. */
  retry?: Partial<RetryPolicy>;
  contractCheck?: ContractCheck;
  /** Partitions one consumer handles in parallel; order inside a partition is always kept. */
  partitionsConsumedConcurrently?: number;
  /** Commit consumed offsets at least every this many messages within a batch. */
  commitEvery?: number;
  /** kafkajs consumer tuning; tests shorten the group timings. */
  consumer?: Partial<Omit<ConsumerConfig, 'groupId'>>;
  /** kafkajs client tuning (timeouts, connection retry). */
  client?: Partial<Omit<KafkaConfig, 'brokers' | 'clientId'>>;
  logger?: BusLogger;
}
