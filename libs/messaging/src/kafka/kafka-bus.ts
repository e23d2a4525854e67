import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import type { IntegrationEvent } from '@lw/domain';
import type { IntegrationBus, Subscription } from '../bus.port';
import { decodeEnvelope, encodeEnvelope } from '../envelope-codec';
import { handleWithInbox } from '../inbox';
import { BusLogger, defaultBusLogger } from '../logger';
import type { BusObservability, ConsumerReading } from '../observability/bus-observability';
import { InFlightCounter } from '../observability/in-flight';
import { backoffMs, DEFAULT_RETRY, errorText, RetryPolicy, sleep } from '../retry-policy';
import { consumerGroup, DEFAULT_TOPIC_PREFIX, deadLetterTopic, integrationTopic, orderingKey } from '../topics';
import { isPoisonMessageError } from '../poison-error';
import { isTransientInfrastructureError } from '../transient-error';
import { exitAfterEffectHook } from './fault-injection';
import { deadLetterHeaders, eventHeaders } from './kafka-headers';
import type { KafkaBusOptions } from './kafka-bus.options';
import { groupLag, topicDepth } from './kafka-lag';

type Outcome = 'done' | 'abandoned';

/**
 * Integration bus over Kafka. One topic per producing service, keyed by village code; one consumer
 * group per consuming service. A consumer resolves and commits an offset only after the message's
 * inbox transaction committed (or it was dead-lettered), so a crash redelivers instead of losing,
 * and the inbox turns redelivery into exactly-once effects.
 */
export class KafkaBus implements IntegrationBus, BusObservability {
  private readonly kafka: Kafka;
  private readonly prefix: string;
  private readonly retry: RetryPolicy;
  private readonly log: BusLogger;
  private producer: Producer | null = null;
  private producerReady: Promise<Producer> | null = null;
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers = new Map<string, Consumer>();
  /** Consecutive replacements per consumer after crashes kafkajs does not restart. */
  private readonly crashes = new Map<string, number>();
  private started = false;
  private readonly inFlight = new InFlightCounter();
  /** Lazily connected, only for readings and readiness: never on the publish or consume path. */
  private adminReady: Promise<Admin> | null = null;
  /** Test-only crash point (see fault-injection.ts); null unless its variable is set. */
  private readonly exitAfterEffect = exitAfterEffectHook();

  constructor(private readonly options: KafkaBusOptions) {
    this.prefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.log = options.logger ?? defaultBusLogger();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      ...options.client,
    });
  }

  async publish(events: readonly IntegrationEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, { key: string; value: string; headers: ReturnType<typeof eventHeaders> }[]>();
    for (const e of events) {
      const topic = integrationTopic(e.producer, this.prefix);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: orderingKey(e.villageCode), value: encodeEnvelope(e), headers: eventHeaders(e) });
      byTopic.set(topic, list);
    }
    const producer = await this.connectedProducer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.subscriptions.some((s) => s.consumer === subscription.consumer)) {
      throw new Error(`consumer ${subscription.consumer} is already subscribed on this bus`);
    }
    this.subscriptions.push(subscription);
    if (this.started) await this.startConsumer(subscription);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.connectedProducer();
    await Promise.all(this.subscriptions.map((s) => this.startConsumer(s)));
  }

  async stop(): Promise<void> {
    this.started = false;
    const consumers = [...this.consumers.values()];
    this.consumers.clear();
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    const producer = this.producer;
    this.producer = null;
    this.producerReady = null;
    await producer?.disconnect().catch(() => undefined);
    const admin = this.adminReady;
    this.adminReady = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  /** Readiness: the producer is connected and the cluster answers a metadata request now. */
  async checkConnection(): Promise<void> {
    if (!this.producer) throw new Error('kafka producer is not connected');
    const admin = await this.connectedAdmin();
    await admin.describeCluster();
  }

  /** Lag per consumer group (committed offsets vs high watermarks) and dead-letter topic depth. */
  async consumerReadings(consumers: readonly string[]): Promise<ConsumerReading[]> {
    const admin = await this.connectedAdmin();
    // Asking for a topic that does not exist makes kafkajs retry for seconds: look first.
    const existing = new Set(await admin.listTopics());
    const readings: ConsumerReading[] = [];
    for (const consumer of consumers) {
      const sub = this.subscriptions.find((s) => s.consumer === consumer);
      const topics = (sub?.producers ?? []).map((p) => integrationTopic(p, this.prefix)).filter((t) => existing.has(t));
      const lag = sub ? await groupLag(admin, consumerGroup(consumer, this.prefix), topics).catch(() => null) : null;
      const dlq = deadLetterTopic(consumer, this.prefix);
      // A dead-letter topic not created yet (auto-created on first send) holds nothing.
      const deadLetters = existing.has(dlq) ? await topicDepth(admin, dlq).catch(() => null) : 0;
      readings.push({ consumer, lag, inFlight: this.inFlight.get(consumer), deadLetters });
    }
    return readings;
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.adminReady) {
      const admin = this.kafka.admin();
      this.adminReady = admin.connect().then(
        () => admin,
        (err) => {
          this.adminReady = null;
          throw err;
        },
      );
    }
    return this.adminReady;
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const idempotent = this.options.idempotentProducer ?? false;
      const producer = this.kafka.producer({
        idempotent,
        // Without idempotence, one request in flight is what keeps a retried batch from
        // overtaking the next one and reordering a village's events.
        maxInFlightRequests: idempotent ? 5 : 1,
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producerReady = producer.connect().then(
        () => (this.producer = producer),
        (err) => {
          this.producerReady = null;
          throw err;
        },
      );
    }
    return this.producerReady;
  }

  private async startConsumer(sub: Subscription): Promise<void> {
    const consumer = this.kafka.consumer({
      ...this.options.consumer,
      groupId: consumerGroup(sub.consumer, this.prefix),
    });
    this.consumers.set(sub.consumer, consumer);
    consumer.on(consumer.events.CRASH, (e) => this.onConsumerCrash(sub, consumer, e.payload));
    await consumer.connect();
    // fromBeginning: a group's first start reads what was published before it existed.
    await consumer.subscribe({ topics: sub.producers.map((p) => integrationTopic(p, this.prefix)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: (payload) => this.consumeBatch(sub, consumer, payload),
    });
  }

  /**
   * kafkajs restarts a consumer only after a retriable error; after any other (a protocol error
   * in a rebalance, say) the consumer stays dead while the process serves on, and its partitions
   * stall. Such a consumer is replaced, with a growing pause between attempts.
   */
  private onConsumerCrash(sub: Subscription, consumer: Consumer, payload: { error: Error; restart: boolean }): void {
    if (payload.restart || !this.started || this.consumers.get(sub.consumer) !== consumer) return;
    const attempt = (this.crashes.get(sub.consumer) ?? 0) + 1;
    this.crashes.set(sub.consumer, attempt);
    const delayMs = Math.min(1000 * 2 ** (attempt - 1), 30_000);
    this.log.error({ consumer: sub.consumer, err: errorText(payload.error), attempt, delayMs }, 'kafka consumer crashed without restart; replacing it');
    this.consumers.delete(sub.consumer);
    const replace = async (): Promise<void> => {
      await consumer.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, delayMs).unref());
      if (!this.started || this.consumers.has(sub.consumer)) return;
      try {
        await this.startConsumer(sub);
        this.log.info({ consumer: sub.consumer }, 'kafka consumer replaced');
      } catch (err) {
        const current = this.consumers.get(sub.consumer);
        if (current) this.onConsumerCrash(sub, current, { error: err as Error, restart: false });
      }
    };
    void replace();
  }

  private async consumeBatch(sub: Subscription, consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const commitEvery = this.options.commitEvery ?? 100;
    let uncommitted = 0;
    let lastResolved: string | null = null;
    const commit = async (): Promise<void> => {
      if (lastResolved === null || uncommitted === 0) return;
      const offset = (BigInt(lastResolved) + 1n).toString();
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }]);
      uncommitted = 0;
    };
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        const outcome = await this.inFlight.around(sub.consumer, () =>
          this.consumeMessage(sub, batch.topic, batch.partition, message, heartbeat, () => isRunning() && !isStale()),
        );
        if (outcome === 'abandoned') break;
        resolveOffset(message.offset);
        lastResolved = message.offset;
        if (++uncommitted >= commitEvery) await commit();
        await heartbeat();
      }
      this.crashes.delete(sub.consumer); // consuming again: the next crash starts from a short pause
    } finally {
      // Commit what is done even when a later message threw: its predecessors must not come back.
      await commit().catch((err) => this.log.warn({ err: errorText(err), consumer: sub.consumer }, 'offset commit failed; messages will be redelivered'));
    }
  }

  /**
   * Decodes and applies one message with bounded retries. Returns 'abandoned' when the consumer is
   * stopping or lost the partition: the offset stays unresolved so the message is consumed again.
   */
  private async consumeMessage(
    sub: Subscription,
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    stillOwner: () => boolean,
  ): Promise<Outcome> {
    let event: IntegrationEvent;
    try {
      event = decodeEnvelope(message.value, this.options.contractCheck);
      if (!sub.producers.includes(event.producer)) throw new Error(`producer ${event.producer} does not own topic ${topic}`);
    } catch (err) {
      await this.deadLetter(sub, topic, partition, message, errorText(err), 0);
      return 'done';
    }
    for (let attempt = 1; ; ) {
      try {
        const applied = await handleWithInbox(sub.pool, sub.consumer, event, sub.handle);
        if (applied) this.exitAfterEffect?.(event.type, this.log);
        // A redelivery (offset not committed before a crash or rebalance) finds its inbox row: nothing applied twice.
        else this.log.info({ consumer: sub.consumer, eventId: event.id, type: event.type, topic, partition, offset: message.offset }, 'duplicate delivery skipped: already applied');
        return 'done';
      } catch (err) {
        if (isTransientInfrastructureError(err)) {
          // The database, not the message, is failing: throwing makes kafkajs back off and
          // redeliver from the last committed offset, with no attempt spent.
          throw err;
        }
        if (attempt >= this.retry.attempts || isPoisonMessageError(err)) {
          await this.deadLetter(sub, topic, partition, message, errorText(err), attempt);
          return 'done';
        }
        this.log.warn({ consumer: sub.consumer, eventId: event.id, correlationId: event.correlationId, attempt, err: errorText(err) }, 'handler failed; retrying');
        await sleep(backoffMs(this.retry, attempt));
        attempt++;
        if (!stillOwner()) return 'abandoned';
        await heartbeat();
      }
    }
  }

  private async deadLetter(sub: Subscription, topic: string, partition: number, message: KafkaMessage, error: string, attempts: number): Promise<void> {
    // The correlation id travels as a header, so even an undecodable message can be traced.
    const correlationId = message.headers?.correlationId?.toString();
    this.log.error({ consumer: sub.consumer, topic, partition, offset: message.offset, correlationId, attempts, err: error }, 'message dead-lettered');
    const producer = await this.connectedProducer();
    // If this send fails the batch throws before resolving the offset: the message is retried, not lost.
    await producer.send({
      topic: deadLetterTopic(sub.consumer, this.prefix),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: deadLetterHeaders(message, { consumer: sub.consumer, error, attempts, topic, partition }),
        },
      ],
    });
  }
}
