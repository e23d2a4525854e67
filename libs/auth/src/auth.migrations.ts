import type { Migration } from '@lw/db';

/** The embedded identity store (only where logins are served). */
export const identityMigrations: readonly Migration[] = [
  {
    id: 'auth/001_users',
    sql: `
      CREATE TABLE users (
        id            uuid PRIMARY KEY,
        username      text NOT NULL UNIQUE,
        display_name  text NOT NULL,
        password_hash text NOT NULL,
        roles         text[] NOT NULL CHECK (cardinality(roles) > 0),
        node          text NOT NULL CHECK (node ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$'),
        dept          text,
        disabled      boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    // Server-side sessions (revocable at once, idle timeout kept per row as data), forced password
    // changes, and login throttling per (username, source) and per source instead of a lock on the
    // username alone. failed_logins / locked_until of 001 are no longer used.
    id: 'auth/003_sessions',
    sql: `
      ALTER TABLE users
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN password_changed_at  timestamptz;
      CREATE TABLE sessions (
        id           uuid PRIMARY KEY,
        user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        idle_seconds integer NOT NULL CHECK (idle_seconds > 0),
        expires_at   timestamptz NOT NULL,
        revoked_at   timestamptz
      );
      CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE revoked_at IS NULL;
      -- Keys are hashes (of username and source address), never the address itself.
      CREATE TABLE login_attempts (
        key          text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        attempts     integer NOT NULL,
        locked_until timestamptz
      );`,
  },
];

/** Who did what, from where. Every service that serves HTTP has one; rows are append-only. */
export const auditMigrations: readonly Migration[] = [
  {
    id: 'auth/002_audit_log',
    sql: `
      CREATE TABLE audit_log (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at             timestamptz NOT NULL DEFAULT now(),
        actor_id       text,
        roles          text[] NOT NULL DEFAULT '{}',
        node           text,
        ip             text,
        method         text NOT NULL,
        route          text NOT NULL,
        status         integer,
        target         text,
        correlation_id text
      );
      CREATE INDEX audit_log_actor_at ON audit_log (actor_id, at);
      CREATE INDEX audit_log_target_at ON audit_log (target, at);
      -- The trail is evidence: nobody, not even the service itself, rewrites it.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();`,
  },
];

export const authMigrations: readonly Migration[] = [...identityMigrations, ...auditMigrations];
