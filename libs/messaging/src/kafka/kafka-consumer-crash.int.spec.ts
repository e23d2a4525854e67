import { randomBytes } from 'crypto';
import pino from 'pino';
import { migrate } from '@lw/db';
import { createTestDatabase, expectEventually, kafkaForTests, type TestDatabase, type TestKafka } from '@lw/testing';
import { messagingMigrations } from '../migrations';
import { testEvent } from '../contract/test-events';
import { deadLetterTopic, integrationTopic } from '../topics';
import { KafkaBus } from './kafka-bus';
import { FAST_KAFKA_SETTINGS } from './kafka-test-settings';

// kafkajs gives up on a consumer after a non-retriable error (it disconnects it and emits CRASH
// with restart: false) while the process serves on. The bus must put a new consumer in its place.
describe('KafkaBus after a consumer crash kafkajs does not restart', () => {
  const prefix = `t${randomBytes(3).toString('hex')}`;
  let kafka: TestKafka;
  let db: TestDatabase;
  let bus: KafkaBus;
  const applied: string[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    kafka = await kafkaForTests();
    await kafka.createTopics([
      { name: integrationTopic('alpha', prefix), partitions: 2 },
      { name: deadLetterTopic('watcher', prefix), partitions: 1 },
    ]);
    db = await createTestDatabase('msg_crash');
    const pool = db.pool('watcher', 4);
    await migrate(pool, 'watcher', messagingMigrations);
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    bus = new KafkaBus({ brokers: kafka.brokers, clientId: 'crash', topicPrefix: prefix, idempotentProducer: kafka.idempotentProducer, ...FAST_KAFKA_SETTINGS, logger });
    await bus.subscribe({ consumer: 'watcher', producers: ['alpha'], pool, handle: async (e) => void applied.push(e.id) });
    await bus.start();
  }, 60_000);

  afterAll(async () => {
    await bus?.stop();
    await db?.drop();
    await kafka?.stop();
  });

  const deliver = async (seq: number) => {
    const e = testEvent('alpha', '320724100001', { scenario: 'crash', seq });
    await bus.publish([e]);
    await expectEventually(async () => expect(applied).toContain(e.id), 30_000);
  };

  it('replaces the dead consumer, which then consumes what is published', async () => {
    await deliver(1);
    const internals = bus as unknown as { consumers: Map<string, any>; subscriptions: any[]; onConsumerCrash(sub: unknown, c: unknown, p: unknown): void };
    const dead = internals.consumers.get('watcher');
    // What kafkajs does on such a crash: the consumer is disconnected, then CRASH says "no restart".
    await dead.disconnect();
    internals.onConsumerCrash(internals.subscriptions[0], dead, { error: new Error('SyncGroup: invalid request'), restart: false });
    await expectEventually(async () => expect(internals.consumers.get('watcher')).toBeDefined(), 30_000);
    expect(internals.consumers.get('watcher')).not.toBe(dead);
    await deliver(2);
    expect(lines.some((l) => l.includes('kafka consumer crashed without restart'))).toBe(true);
    expect(lines.some((l) => l.includes('kafka consumer replaced'))).toBe(true);
  }, 90_000);

  it('leaves a crash that kafkajs restarts itself alone', async () => {
    const internals = bus as unknown as { consumers: Map<string, any>; subscriptions: any[]; onConsumerCrash(sub: unknown, c: unknown, p: unknown): void };
    const current = internals.consumers.get('watcher');
    internals.onConsumerCrash(internals.subscriptions[0], current, { error: new Error('retriable'), restart: true });
    expect(internals.consumers.get('watcher')).toBe(current);
    await deliver(3);
  }, 60_000);
});
