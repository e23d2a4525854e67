// End to end: EventStore.append writes the outbox → OutboxRelay → KafkaBus (test broker) →
// consumer inbox + effect in one transaction. Needs the mock cluster (brokers go down), so it
// starts the test broker even when KAFKA_BROKERS is set.
import { randomBytes } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import pino from 'pino';
import { migrate } from '@lw/db';
import type { IntegrationEvent } from '@lw/domain';
import { EventStore, eventstoreMigrations, OutboxRelay } from '@lw/eventstore';
import { createTestDatabase, expectEventually, kafkaForTests, sleep, TestDatabase, TestKafka } from '@lw/testing';
import { ScenarioPayload, testEvent } from '../contract/test-events';
import { KafkaBus } from '../kafka/kafka-bus';
import { FAST_KAFKA_SETTINGS } from '../kafka/kafka-test-settings';
import { messagingMigrations } from '../migrations';
import { integrationTopic } from '../topics';

const PRODUCER = 'prod';
const CONSUMER = 'cons';

describe('outbox → Kafka → inbox', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let bus: KafkaBus;
  let producerPool: Pool;
  let consumerPool: Pool;
  let store: EventStore;
  const prefix = `e${randomBytes(3).toString('hex')}`;
  const relayErrors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('msg_e2e');
    kafka = await kafkaForTests({ faults: true, topics: [{ name: integrationTopic(PRODUCER, prefix), partitions: 3 }] });
    producerPool = db.pool('producer_svc', 6);
    consumerPool = db.pool('consumer_svc', 6);
    await migrate(producerPool, 'producer_svc', eventstoreMigrations);
    await migrate(consumerPool, 'consumer_svc', [
      ...messagingMigrations,
      { id: 'e2e/001_effects', sql: 'CREATE TABLE effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL, village text, scenario text NOT NULL, seq int NOT NULL)' },
    ]);
    store = new EventStore(producerPool);
    bus = new KafkaBus({
      brokers: kafka.brokers,
      clientId: 'e2e',
      topicPrefix: prefix,
      idempotentProducer: false,
      retry: { attempts: 3, initialBackoffMs: 20, maxBackoffMs: 100 },
      ...FAST_KAFKA_SETTINGS,
      logger: pino({ level: 'silent' }),
    });
    await bus.subscribe({
      consumer: CONSUMER,
      producers: [PRODUCER],
      pool: consumerPool,
      handle: async (event, tx) => {
        const p = event.payload as ScenarioPayload;
        await tx.query('INSERT INTO effects (event_id, village, scenario, seq) VALUES ($1, $2, $3, $4)', [event.id, event.villageCode, p.scenario, p.seq]);
      },
    });
    await bus.start();
  });

  afterAll(async () => {
    await bus?.stop();
    await kafka?.stop();
    await db?.drop();
  });

  const relay = (publish = (events: IntegrationEvent[]) => bus.publish(events)): OutboxRelay =>
    new OutboxRelay({
      pool: producerPool,
      publish,
      pollIntervalMs: 100,
      retryBaseMs: 100,
      maxRetryMs: 1000,
      leaseRetryMs: 200,
      onError: (err) => relayErrors.push(err.message),
    });

  /** Appends one event per integration event to its village's stream, like command handlers would. */
  const append = async (scenario: string, villages: string[], perVillage: number, from = 0): Promise<IntegrationEvent[]> => {
    const all: IntegrationEvent[] = [];
    for (let seq = from; seq < from + perVillage; seq++) {
      for (const v of villages) {
        const integration = testEvent(PRODUCER, v, { scenario, seq });
        await store.append(`village-${scenario}-${v}`, seq, [{ type: 'SomethingHappened', data: { seq } }], { integrationEvents: [integration] });
        all.push(integration);
      }
    }
    return all;
  };

  const effects = async (scenario: string) =>
    (await consumerPool.query<{ event_id: string; village: string; seq: number }>('SELECT event_id, village, seq FROM effects WHERE scenario = $1 ORDER BY id', [scenario])).rows;

  const unsent = async (): Promise<number> =>
    Number((await producerPool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0].n);

  /** Messages on the producer's topic, summed over partitions: shows what was really (re)published. */
  const messagesOnTopic = async (): Promise<number> => {
    const admin = new Kafka({ clientId: 'e2e-admin', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(integrationTopic(PRODUCER, prefix));
      return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    } finally {
      await admin.disconnect();
    }
  };

  it('a relay killed between publishing and marking sent republishes, and the inbox applies each event once', async () => {
    const before = await messagesOnTopic();
    const events = await append('crash', ['330102001101', '330102001102'], 5);
    // The first relay dies right after Kafka acknowledged: the rows stay unsent.
    const dying = relay(async (batch) => {
      await bus.publish(batch);
      throw new Error('relay process killed');
    });
    await expect(dying.drainOnce()).rejects.toThrow('relay process killed');
    expect(await unsent()).toBe(events.length);
    // Its successor finds the same rows and publishes them again.
    expect(await relay().drainOnce()).toBe(events.length);
    expect(await unsent()).toBe(0);
    expect((await messagesOnTopic()) - before).toBe(2 * events.length);

    // Markers behind both villages: once applied, any redelivered copy ahead of them was handled.
    const marker = await append('crash', ['330102001101', '330102001102'], 1, 5);
    await relay().drainOnce();
    await expectEventually(async () => {
      const ids = (await effects('crash')).map((r) => r.event_id);
      for (const m of marker) if (!ids.includes(m.id)) throw new Error('markers not applied yet');
    });
    const rows = await effects('crash');
    const firstFive = rows.filter((r) => r.seq < 5).map((r) => r.event_id);
    expect(firstFive.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('while every broker is down the outbox backs up; after they return it drains with nothing lost or doubled', async () => {
    const r = relay();
    await r.start();
    try {
      await kafka.down('all');
      const errorsBefore = relayErrors.length;
      const events = await append('outage', ['330102001201', '330102001202', '330102001203'], 10);
      // Ten seconds without brokers: the relay keeps trying, and failing, and marks nothing sent.
      await sleep(10_000);
      expect(await unsent()).toBe(events.length);
      expect(relayErrors.length).toBeGreaterThan(errorsBefore);
      expect(await effects('outage')).toHaveLength(0);

      await kafka.up('all');
      await expectEventually(async () => expect(await unsent()).toBe(0), 30_000);
      await expectEventually(async () => expect((await effects('outage')).length).toBeGreaterThanOrEqual(events.length), 30_000);
      const rows = await effects('outage');
      expect(rows.map((x) => x.event_id).sort()).toEqual(events.map((e) => e.id).sort());
      for (const v of ['330102001201', '330102001202', '330102001203']) {
        expect(rows.filter((x) => x.village === v).map((x) => x.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i));
      }
    } finally {
      await kafka.up('all');
      await r.stop();
    }
  }, 55_000);

  it('carries a batch from append to every effect, once each and in village order', async () => {
    const villages = Array.from({ length: 8 }, (_, i) => `33010200130${i}`);
    const r = relay();
    await r.start();
    try {
      const events = await append('batch', villages, 25);
      await expectEventually(async () => expect((await effects('batch')).length).toBeGreaterThanOrEqual(events.length), 30_000);
      const rows = await effects('batch');
      expect(rows).toHaveLength(events.length);
      expect(new Set(rows.map((x) => x.event_id)).size).toBe(events.length);
      for (const v of villages) {
        expect(rows.filter((x) => x.village === v).map((x) => x.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i));
      }
      const inbox = await consumerPool.query('SELECT count(*)::int AS n FROM inbox WHERE consumer = $1', [CONSUMER]);
      expect(inbox.rows[0].n).toBeGreaterThanOrEqual(events.length);
    } finally {
      await r.stop();
    }
  });
});
