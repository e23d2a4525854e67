import { spawn } from 'child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'fs';
import { connect } from 'net';
import { dirname } from 'path';
import { createInterface } from 'readline';
import { Kafka, logLevel } from 'kafkajs';
import { buildKafkaTestBroker, KAFKA_TEST_BROKER_BINARY, KAFKA_TEST_BROKER_SOURCE, KafkaTestBroker, startKafkaTestBroker } from './kafka-broker';

const portOpen = (hostPort: string): Promise<boolean> =>
  new Promise((resolve) => {
    const [host, port] = hostPort.split(':');
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('Kafka test broker launcher', () => {
  it('rebuilds a stale binary once even when two workers ask at the same time', async () => {
    await buildKafkaTestBroker();
    const old = new Date(statSync(KAFKA_TEST_BROKER_SOURCE).mtimeMs - 60_000);
    utimesSync(KAFKA_TEST_BROKER_BINARY, old, old);
    const [a, b] = await Promise.all([buildKafkaTestBroker(), buildKafkaTestBroker()]);
    expect(a).toBe(KAFKA_TEST_BROKER_BINARY);
    expect(b).toBe(KAFKA_TEST_BROKER_BINARY);
    expect(statSync(KAFKA_TEST_BROKER_BINARY).mtimeMs).toBeGreaterThanOrEqual(statSync(KAFKA_TEST_BROKER_SOURCE).mtimeMs);
    const leftovers = readdirSync(dirname(KAFKA_TEST_BROKER_BINARY)).filter((f) => f.endsWith('.tmp') || f === '.build.lock');
    expect(leftovers).toEqual([]);
  });

  describe('a running cluster', () => {
    let broker: KafkaTestBroker;
    const kafka = () =>
      new Kafka({
        clientId: 'launcher-test',
        brokers: broker.bootstrap,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 500,
        requestTimeout: 2000,
        retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 },
      });

    beforeAll(async () => {
      broker = await startKafkaTestBroker({ brokers: 3, topics: [{ name: 'pre.created', partitions: 3 }] });
    });
    afterAll(() => broker.stop());

    it('serves the Kafka protocol with the requested brokers and topics', async () => {
      expect(broker.bootstrap).toHaveLength(3);
      await broker.createTopic({ name: 'later.created', partitions: 2 });
      const admin = kafka().admin();
      await admin.connect();
      try {
        const meta = await admin.fetchTopicMetadata({ topics: ['pre.created', 'later.created'] });
        expect(meta.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
          ['later.created', 2],
          ['pre.created', 3],
        ]);
      } finally {
        await admin.disconnect();
      }
    });

    it('refuses clients while every broker is down and serves them again after up', async () => {
      const producer = kafka().producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        await producer.send({ topic: 'pre.created', acks: -1, messages: [{ key: 'k', value: 'before' }] });
        await broker.down('all');
        for (const b of broker.bootstrap) expect(await portOpen(b)).toBe(false);
        await expect(producer.send({ topic: 'pre.created', acks: -1, messages: [{ key: 'k', value: 'during' }] })).rejects.toThrow();
        await broker.up('all');
        for (const b of broker.bootstrap) expect(await portOpen(b)).toBe(true);
        await producer.send({ topic: 'pre.created', acks: -1, messages: [{ key: 'k', value: 'after' }] });
      } finally {
        await broker.up('all');
        await producer.disconnect();
      }
    });

    it('rejects commands it cannot carry out', async () => {
      await expect(broker.down(9)).rejects.toThrow(/Unknown broker/);
      await expect(broker.createTopic({ name: 'bad', partitions: 0 })).rejects.toThrow(/Invalid argument/);
      await broker.down(2);
      await broker.up(2);
    });
  });

  it('exits when its stdin closes, so a dead test process leaves no broker behind', async () => {
    await buildKafkaTestBroker();
    const child = spawn(KAFKA_TEST_BROKER_BINARY, ['-b', '1'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const address = first.replace('BOOTSTRAP ', '');
    expect(await portOpen(address)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(await portOpen(address)).toBe(false);
  });

  it('stop() ends the process and later commands fail clearly', async () => {
    const broker = await startKafkaTestBroker({ brokers: 1 });
    await broker.stop();
    expect(await portOpen(broker.bootstrap[0])).toBe(false);
    await expect(broker.up(1)).rejects.toThrow('Kafka test broker is not running');
    expect(existsSync(KAFKA_TEST_BROKER_BINARY)).toBe(true);
  });
});
