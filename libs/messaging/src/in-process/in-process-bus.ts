import type { Pool } from 'pg';
import { withTransaction } from '@lw/db';
import type { IntegrationEvent } from '@lw/domain';
import type { IntegrationBus, Subscription } from '../bus.port';
import type { ContractCheck } from '../envelope-codec';
import { encodeEnvelope } from '../envelope-codec';
import { BusLogger, defaultBusLogger } from '../logger';
import { DEFAULT_RETRY, RetryPolicy } from '../retry-policy';
import { orderingKey } from '../topics';
import type { BusObservability, ConsumerReading } from '../observability/bus-observability';
import { InFlightCounter } from '../observability/in-flight';
import { DeliveryWorker } from './delivery-worker';

export interface InProcessBusOptions {
  /** The bus's own schema, migrated with messagingMigrations: its queue and dead letters live there. */
  pool: Pool;
  retry?: Partial<RetryPolicy>;
  contractCheck?: ContractCheck;
  /** How often idle workers look for due retries and deliveries left by an earlier run. */
  pollIntervalMs?: number;
  /** Villages handled in parallel per consumer; one village's events are always handled in order. */
  concurrency?: number;
  logger?: BusLogger;
}

/**
 * The bus for embedded mode. publish() resolves once the events are rows of a PostgreSQL queue
 * (one row per subscribed consumer), so an event the relay marked sent survives a crash; a worker
 * per consumer then delivers them asynchronously through the inbox, in order per village, with
 * bounded retries and a dead_letters table, like the Kafka adapter.
 */
export class InProcessBus implements IntegrationBus, BusObservability {
  private readonly workers = new Map<string, DeliveryWorker>();
  private readonly retry: RetryPolicy;
  private readonly log: BusLogger;
  private started = false;
  private readonly inFlight = new InFlightCounter();

  constructor(private readonly options: InProcessBusOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.log = options.logger ?? defaultBusLogger();
  }

  async publish(events: readonly IntegrationEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e, i) => ({ i, producer: e.producer, key: orderingKey(e.villageCode), raw: encodeEnvelope(e) }));
    const inserted = await withTransaction(this.options.pool, async (tx) => {
      // One row per (event, subscribed consumer), inserted in publish order so ids keep it.
      const result = await tx.query<{ consumer: string }>(
        `INSERT INTO bus_deliveries (consumer, ordering_key, raw)
         SELECT s.consumer, e.key, e.raw
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS e(i, producer, key, raw)
           JOIN bus_subscriptions s ON s.producer = e.producer
          ORDER BY e.i, s.consumer
         RETURNING consumer`,
        [rows.map((r) => r.i), rows.map((r) => r.producer), rows.map((r) => r.key), rows.map((r) => r.raw)],
      );
      return result.rows;
    });
    for (const consumer of new Set(inserted.map((r) => r.consumer))) this.workers.get(consumer)?.wake();
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.workers.has(subscription.consumer)) {
      throw new Error(`consumer ${subscription.consumer} is already subscribed on this bus`);
    }
    await this.options.pool.query(
      `INSERT INTO bus_subscriptions (consumer, producer) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [subscription.consumer, subscription.producers],
    );
    const worker = new DeliveryWorker({
      busPool: this.options.pool,
      subscription,
      retry: this.retry,
      contractCheck: this.options.contractCheck,
      pollIntervalMs: this.options.pollIntervalMs ?? 500,
      concurrency: this.options.concurrency ?? 8,
      log: this.log,
      inFlight: this.inFlight,
    });
    this.workers.set(subscription.consumer, worker);
    if (this.started) worker.start();
  }

  async start(): Promise<void> {
    this.started = true;
    for (const w of this.workers.values()) w.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  /** The transport is the bus's own PostgreSQL schema: it is connected when that answers. */
  async checkConnection(): Promise<void> {
    await this.options.pool.query('SELECT 1');
  }

  /** Lag = rows still queued for the consumer; dead letters = rows of its dead_letters. One query. */
  async consumerReadings(consumers: readonly string[]): Promise<ConsumerReading[]> {
    const { rows } = await this.options.pool.query<{ consumer: string; queued: string; dead: string }>(
      `SELECT c AS consumer,
              (SELECT count(*) FROM bus_deliveries d WHERE d.consumer = c) AS queued,
              (SELECT count(*) FROM dead_letters x WHERE x.consumer = c) AS dead
         FROM unnest($1::text[]) AS c`,
      [consumers],
    );
    return rows.map((r) => ({ consumer: r.consumer, lag: Number(r.queued), inFlight: this.inFlight.get(r.consumer), deadLetters: Number(r.dead) }));
  }
}
