import { migrate } from '@lw/db';
import { createTestDatabase, TestDatabase } from '@lw/testing';
import pino from 'pino';
import { InProcessBus } from '../in-process/in-process-bus';
import { messagingMigrations } from '../migrations';
import { testEvent } from '../contract/test-events';

// The in-process bus's readings come from its PostgreSQL queue: queued rows are the lag, rows of
// dead_letters the dead letters. The consumer is subscribed but the bus not started, so nothing moves.
describe('in-process bus readings', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('bus_readings');
  });
  afterAll(() => db.drop());

  it('counts queued deliveries and dead letters per consumer', async () => {
    const busPool = db.pool('bus');
    await migrate(busPool, 'bus', messagingMigrations);
    const bus = new InProcessBus({ pool: busPool, logger: pino({ level: 'silent' }) });
    await bus.subscribe({ consumer: 'c1', producers: ['alpha'], pool: busPool, handle: async () => undefined });
    await bus.publish([testEvent('alpha', '320724100001', { scenario: 'r', seq: 1 }), testEvent('alpha', '320724100002', { scenario: 'r', seq: 2 })]);
    await busPool.query(`INSERT INTO dead_letters (consumer, raw, error, attempts) VALUES ('c1', '{}', 'bad', 1)`);
    expect(await bus.consumerReadings(['c1', 'other'])).toEqual([
      { consumer: 'c1', lag: 2, inFlight: 0, deadLetters: 1 },
      { consumer: 'other', lag: 0, inFlight: 0, deadLetters: 0 },
    ]);
    await expect(bus.checkConnection()).resolves.toBeUndefined();
  });
});
