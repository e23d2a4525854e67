// Outbox → Kafka → inbox, against raw kafkajs produce → consume of the same messages, both through
// the Kafka test broker (or KAFKA_BROKERS) in the same run.
import { randomBytes } from 'crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { migrate } from '@lw/db';
import type { IntegrationEvent } from '@lw/domain';
import { EventStore, eventstoreMigrations, OutboxRelay } from '@lw/eventstore';
import { FAST_KAFKA_SETTINGS, integrationTopic, KafkaBus, messagingMigrations } from '@lw/messaging';
import { createTestDatabase, kafkaForTests, sleep, TestKafka, waitFor } from '@lw/testing';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

const PRODUCER = 'benchprod';
const VILLAGES = Array.from({ length: 16 }, (_, i) => `3301020010${String(i).padStart(2, '0')}`);
/** Both sides use the same short group timings, so neither waits longer for its consumer group. */
const FAST_CONSUMER = FAST_KAFKA_SETTINGS.consumer;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function envelope(seq: number): IntegrationEvent<{ seq: number }> {
  const id = uuidv7();
  return {
    id,
    type: `${PRODUCER}.Measured`,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: PRODUCER,
    villageCode: VILLAGES[Math.abs(seq) % VILLAGES.length],
    correlationId: id,
    causationId: null,
    actor: null,
    payload: { seq },
  };
}

/** Waits until `count()` reaches n; the stopwatch stays outside, so polling granularity (2 ms) is all it adds. */
const until = (count: () => number, n: number, timeoutMs: number) => waitFor(() => count() >= n, timeoutMs, `${n} deliveries`, 2);

interface Run {
  throughput: number;
  latencies: number[];
}

/** Ours: EventStore.append (with outbox row) → OutboxRelay → KafkaBus → handleWithInbox → effect row. */
async function measureOurs(ctx: BenchContext, kafka: TestKafka, prefix: string, burst: number, paced: number): Promise<Run> {
  const db = await createTestDatabase('bench_msg');
  const producerPool = db.pool('producer_svc', 8);
  const consumerPool = db.pool('consumer_svc', 8);
  const bus = new KafkaBus({
    brokers: kafka.brokers,
    clientId: 'bench',
    topicPrefix: prefix,
    idempotentProducer: kafka.idempotentProducer,
    ...FAST_KAFKA_SETTINGS,
    logger: pino({ level: 'silent' }),
  });
  const relay = new OutboxRelay({ pool: producerPool, publish: (e) => bus.publish(e), pollIntervalMs: 200, retryBaseMs: 50, maxRetryMs: 500 });
  try {
    await migrate(producerPool, 'producer_svc', eventstoreMigrations);
    await migrate(consumerPool, 'consumer_svc', [
      ...messagingMigrations,
      { id: 'bench/001_effects', sql: 'CREATE TABLE effects (event_id uuid PRIMARY KEY, seq int NOT NULL)' },
    ]);
    const store = new EventStore(producerPool);
    const applied = new Map<string, number>();
    await bus.subscribe({
      consumer: 'benchcons',
      producers: [PRODUCER],
      pool: consumerPool,
      handle: async (event, tx) => {
        await tx.query('INSERT INTO effects (event_id, seq) VALUES ($1, $2)', [event.id, (event.payload as { seq: number }).seq]);
        applied.set(event.id, performance.now());
      },
    });
    await bus.start();
    await relay.start();
    const versions = new Map<string, number>();
    const append = async (e: IntegrationEvent): Promise<void> => {
      const stream = `village-${e.villageCode}`;
      const v = versions.get(stream) ?? 0;
      await store.append(stream, v, [{ type: 'Measured', data: e.payload }], { integrationEvents: [e] });
      versions.set(stream, v + 1);
    };
    // Warm-up: the consumer group joins and every connection is open before the clock starts.
    await append(envelope(-1));
    await until(() => applied.size, 1, 30_000);

    ctx.log(`ours: burst of ${burst} appends`);
    applied.clear();
    const t0 = performance.now();
    // Eight writers at once, as concurrent command handlers would append, one stream per village.
    const events = Array.from({ length: burst }, (_, i) => envelope(i));
    const lanes = VILLAGES.slice(0, 8).map((_, lane) => events.filter((_e, i) => i % 8 === lane));
    await Promise.all(lanes.map(async (lane) => { for (const e of lane) await append(e); }));
    await until(() => applied.size, burst, 120_000);
    const throughput = burst / ((Math.max(...applied.values()) - t0) / 1000);

    ctx.log(`ours: ${paced} paced appends`);
    applied.clear();
    const started = new Map<string, number>();
    for (let i = 0; i < paced; i++) {
      const e = envelope(i);
      started.set(e.id, performance.now());
      await append(e);
      await sleep(10);
    }
    await until(() => applied.size, paced, 60_000);
    const latencies = [...started].map(([id, t]) => applied.get(id)! - t).sort((a, b) => a - b);
    return { throughput, latencies };
  } finally {
    await relay.stop();
    await bus.stop();
    await db.drop();
  }
}

/** Baseline: the same envelopes, kafkajs producer.send (acks -1) → consumer eachMessage, nothing else. */
async function measureBaseline(ctx: BenchContext, kafka: TestKafka, prefix: string, burst: number, paced: number): Promise<Run> {
  const client = new Kafka({ clientId: 'bench-raw', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const topic = `${prefix}.raw`;
  await kafka.createTopics([{ name: topic, partitions: 3 }]);
  const producer = client.producer({ idempotent: kafka.idempotentProducer, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = client.consumer({ groupId: `${prefix}.raw`, ...FAST_CONSUMER });
  const consumed = new Map<string, number>();
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        consumed.set(message.headers!.eventId!.toString(), performance.now());
      },
    });
    const send = (events: IntegrationEvent[]) =>
      producer.send({
        topic,
        acks: -1,
        messages: events.map((e) => ({ key: e.villageCode, value: JSON.stringify(e), headers: { eventId: e.id } })),
      });
    await send([envelope(-1)]);
    await until(() => consumed.size, 1, 30_000);

    ctx.log(`baseline: burst of ${burst} sends`);
    consumed.clear();
    const t0 = performance.now();
    const events = Array.from({ length: burst }, (_, i) => envelope(i));
    // Eight concurrent senders of single messages, like the eight appending writers above.
    const lanes = Array.from({ length: 8 }, (_, lane) => events.filter((_e, i) => i % 8 === lane));
    await Promise.all(lanes.map(async (lane) => { for (const e of lane) await send([e]); }));
    await until(() => consumed.size, burst, 120_000);
    const throughput = burst / ((Math.max(...consumed.values()) - t0) / 1000);

    ctx.log(`baseline: ${paced} paced sends`);
    consumed.clear();
    const started = new Map<string, number>();
    for (let i = 0; i < paced; i++) {
      const e = envelope(i);
      started.set(e.id, performance.now());
      await send([e]);
      await sleep(10);
    }
    await until(() => consumed.size, paced, 60_000);
    const latencies = [...started].map(([id, t]) => consumed.get(id)! - t).sort((a, b) => a - b);
    return { throughput, latencies };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

export const messagingBench: BenchSuite = async (ctx) => {
  const burst = Math.max(200, Math.round(5000 * ctx.scale));
  const paced = Math.max(50, Math.round(300 * ctx.scale));
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const kafka = await kafkaForTests({ topics: [{ name: integrationTopic(PRODUCER, prefix), partitions: 3 }] });
  try {
    const ours = await measureOurs(ctx, kafka, prefix, burst, paced);
    const base = await measureBaseline(ctx, kafka, prefix, burst, paced);
    const label = 'raw kafkajs produce → consume';
    const cluster = kafka.external ? 'external Kafka' : 'Kafka test broker';
    const figures: BenchFigure[] = [
      {
        name: `throughput, ${burst} events, 8 writers, ${cluster}`,
        ours: { value: ours.throughput, unit: 'events/s', higherIsBetter: true },
        baseline: { value: base.throughput, unit: 'events/s', higherIsBetter: true, label },
        note: 'Ours adds an event-store append with its outbox row, the relay reading and marking rows sent, and an inbox transaction per event; the relay batches what piled up into one produce request.',
      },
    ];
    for (const p of [50, 99]) {
      figures.push({
        name: `end-to-end latency p${p}, ${paced} events at ~100/s, ${cluster}`,
        ours: { value: percentile(ours.latencies, p), unit: `ms p${p}`, higherIsBetter: false },
        baseline: { value: percentile(base.latencies, p), unit: `ms p${p}`, higherIsBetter: false, label },
        note: p === 50 ? 'Append commit → NOTIFY → relay → produce (acks all) → fetch → inbox commit, against send → fetch.' : undefined,
      });
    }
    return figures;
  } finally {
    await kafka.stop();
  }
};
