import pino from 'pino';
import { migrate } from '@lw/db';
import { describeBusContract, DeadLetterView } from '../contract/bus.contract';
import { messagingMigrations } from '../migrations';
import { orderingKey } from '../topics';
import { InProcessBus } from './in-process-bus';

describeBusContract('in-process (PostgreSQL queue)', async ({ db, retry }) => {
  const pool = db.pool('bus', 10);
  await migrate(pool, 'bus', messagingMigrations);
  const bus = new InProcessBus({ pool, retry, pollIntervalMs: 200, logger: pino({ level: 'silent' }) });
  return {
    bus,
    async injectRaw(producer, villageCode, raw) {
      await pool.query(
        `INSERT INTO bus_deliveries (consumer, ordering_key, raw) SELECT consumer, $2, $3 FROM bus_subscriptions WHERE producer = $1`,
        [producer, orderingKey(villageCode), raw],
      );
    },
    async deadLetters(consumer) {
      const { rows } = await pool.query<DeadLetterView>(
        'SELECT event_id AS "eventId", error, attempts FROM dead_letters WHERE consumer = $1 ORDER BY id',
        [consumer],
      );
      return rows;
    },
    close: async () => undefined,
  };
});
