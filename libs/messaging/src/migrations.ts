import type { Migration } from '@lw/db';

/**
 * Tables of the messaging lib. Apply them to every consuming service's schema (the inbox) and,
 * in embedded mode, to the in-process bus's schema (its durable queue and dead letters).
 */
export const messagingMigrations: readonly Migration[] = [
  {
    id: 'messaging/001_inbox',
    sql: `
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );`,
  },
  {
    id: 'messaging/002_dead_letters',
    sql: `
      CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        event_id text,
        event_type text,
        -- Verbatim, so an undecodable message can still be inspected and replayed.
        raw text NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dead_letters_consumer ON dead_letters (consumer, failed_at);`,
  },
  {
    id: 'messaging/003_in_process_queue',
    sql: `
      -- Which consumers read which producer: publish fans out to every consumer ever subscribed,
      -- so events published while a consumer is not running wait for it.
      CREATE TABLE bus_subscriptions (
        consumer text NOT NULL,
        producer text NOT NULL,
        PRIMARY KEY (producer, consumer)
      );
      CREATE TABLE bus_deliveries (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        ordering_key text NOT NULL,
        raw text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      );
      CREATE INDEX bus_deliveries_head ON bus_deliveries (consumer, ordering_key, id);`,
  },
];
