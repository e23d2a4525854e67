import type { Migration } from '@lw/db';

/**
 * The event store's tables, created in each service's own schema (unqualified names: migrate()
 * sets the search_path). `tx_id` records the writing transaction so readers can wait for every
 * transaction that might still commit an earlier position (see read-all.ts).
 */
export const eventstoreMigrations: Migration[] = [
  {
    id: 'eventstore/001_events',
    sql: `
      CREATE TABLE events (
        position       bigserial PRIMARY KEY,
        stream_id      text        NOT NULL,
        stream_version integer     NOT NULL CHECK (stream_version > 0),
        type           text        NOT NULL,
        type_version   integer     NOT NULL DEFAULT 1,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        event_id       uuid        NOT NULL UNIQUE,
        created_at     timestamptz NOT NULL DEFAULT now(),
        tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      );
      -- read-all walks (tx_id, position) from a checkpoint
      CREATE INDEX events_tx_position_idx ON events (tx_id, position);
    `,
  },
  {
    id: 'eventstore/002_snapshots',
    sql: `
      CREATE TABLE snapshots (
        stream_id      text        PRIMARY KEY,
        version        integer     NOT NULL,
        state          jsonb       NOT NULL,
        schema_version integer     NOT NULL DEFAULT 1,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 'eventstore/003_checkpoints',
    sql: `
      CREATE TABLE checkpoints (
        name       text        PRIMARY KEY,
        tx_id      xid8        NOT NULL,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 'eventstore/004_outbox',
    sql: `
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        event_id      uuid        NOT NULL,
        envelope      jsonb       NOT NULL,
        partition_key text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        sent_at       timestamptz,
        attempts      integer     NOT NULL DEFAULT 0,
        last_error    text
      );
      CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
    `,
  },
];
