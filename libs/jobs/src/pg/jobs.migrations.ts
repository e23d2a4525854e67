import type { Migration } from '@lw/db';

/**
 * The embedded adapter's table, created in the owning service's schema (unqualified names: migrate()
 * sets the search_path). Rows are kept after they finish: a finished id must keep answering
 * 'exists' so that scheduling from a replayed event stays idempotent.
 */
export const jobsMigrations: readonly Migration[] = [
  {
    id: 'jobs/001_jobs',
    sql: `
      CREATE TABLE jobs (
        id           text PRIMARY KEY,
        name         text NOT NULL,
        payload      jsonb NOT NULL,
        state        text NOT NULL DEFAULT 'scheduled'
                     CHECK (state IN ('scheduled', 'running', 'done', 'failed', 'cancelled')),
        run_at       timestamptz NOT NULL,
        attempts     integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        backoff_ms   integer NOT NULL CHECK (backoff_ms >= 0),
        -- lease: the claim that owns a running job; a new token per claim fences off a worker whose lease expired
        lock_token   uuid,
        locked_by    text,
        locked_until timestamptz,
        last_error   text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz
      );
      CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state = 'scheduled';
      CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'running';
    `,
  },
];
