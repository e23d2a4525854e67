import { kafkaForTests } from './kafka';
import { startKafkaTestBroker } from './kafka-broker';

describe('kafkaForTests', () => {
  const saved = process.env.KAFKA_BROKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = saved;
  });

  it('starts the mock cluster, with faults and without idempotent producers', async () => {
    delete process.env.KAFKA_BROKERS;
    const kafka = await kafkaForTests({ brokers: 2 });
    try {
      expect(kafka.external).toBe(false);
      expect(kafka.idempotentProducer).toBe(false);
      expect(kafka.brokers).toHaveLength(2);
      await kafka.down(1);
      await kafka.up(1);
    } finally {
      await kafka.stop();
    }
  });

  it('uses the cluster in KAFKA_BROKERS and refuses fault injection on it', async () => {
    // A mock cluster stands in for "somebody's real Kafka" here.
    const real = await startKafkaTestBroker({ brokers: 1 });
    try {
      process.env.KAFKA_BROKERS = real.bootstrap.join(',');
      const kafka = await kafkaForTests();
      expect(kafka.external).toBe(true);
      expect(kafka.brokers).toEqual(real.bootstrap);
      await expect(kafka.down('all')).rejects.toThrow('not supported with an external cluster');
      await kafka.stop();

      const faulty = await kafkaForTests({ faults: true, brokers: 1 });
      expect(faulty.external).toBe(false);
      expect(faulty.brokers).not.toEqual(real.bootstrap);
      await faulty.down('all');
      await faulty.stop();
    } finally {
      await real.stop();
    }
  });
});
