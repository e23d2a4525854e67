import type { Pool, PoolClient } from 'pg';
import type { IntegrationEvent } from '@lw/domain';

/**
 * A consumer's reaction to one integration event. It runs inside the consumer's inbox
 * transaction: whatever it writes through `tx` commits together with the inbox row that marks
 * the event id as handled, so a redelivered event is applied exactly once. Throwing rolls both
 * back; the bus retries with backoff and, after its bounded attempts, dead-letters the event.
 */
export type IntegrationHandler = (event: IntegrationEvent, tx: PoolClient) => Promise<void>;

export interface Subscription {
  /** Consuming service name; also the Kafka consumer group and the inbox key. */
  consumer: string;
  /** Producers whose events to read, e.g. ["vetting", "auditing"]. */
  producers: string[];
  /** The consumer's own database (its schema on the search_path): the inbox lives there. */
  pool: Pool;
  handle: IntegrationHandler;
}

/**
 * Port between the outbox relay / consumers and a transport (Kafka or in-process).
 * Delivery is at least once; events with the same villageCode reach a consumer in publish order;
 * a message that keeps failing, or cannot be decoded, goes to the consumer's dead letters and
 * never blocks the ones after it.
 */
export interface IntegrationBus {
  /** Resolves once the transport has durably accepted every event (or rejects: the relay retries). */
  publish(events: readonly IntegrationEvent[]): Promise<void>;
  /** Subscriptions may be added before or after start(). */
  subscribe(subscription: Subscription): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
