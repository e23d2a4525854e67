import type { Migration } from '@lw/db';

/** Holiday arrangements loaded by an administrator (国务院办公厅通知), one row per year. */
export const calendarMigrations: readonly Migration[] = [
  {
    id: 'calendar/001_years',
    sql: `
      CREATE TABLE calendar_years (
        year        int PRIMARY KEY,
        arrangement jsonb NOT NULL,
        source      text NOT NULL,
        loaded_by   text NOT NULL,
        loaded_at   timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    // Every load of a year is a new version, kept for good with who, when and why; calendar_years
    // holds the version in force. Existing rows become version 1.
    id: 'calendar/002_year_versions',
    sql: `
      CREATE TABLE calendar_year_versions (
        year        int NOT NULL,
        version     int NOT NULL CHECK (version > 0),
        arrangement jsonb NOT NULL,
        source      text NOT NULL,
        reason      text NOT NULL,
        loaded_by   text NOT NULL,
        loaded_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, version)
      );
      INSERT INTO calendar_year_versions (year, version, arrangement, source, reason, loaded_by, loaded_at)
        SELECT year, 1, arrangement, source, '版本化之前载入', loaded_by, loaded_at FROM calendar_years;
      ALTER TABLE calendar_years ADD COLUMN version int NOT NULL DEFAULT 1;
      CREATE FUNCTION calendar_year_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'calendar_year_versions is append-only'; END $$;
      CREATE TRIGGER calendar_year_versions_no_change BEFORE UPDATE OR DELETE ON calendar_year_versions
        FOR EACH ROW EXECUTE FUNCTION calendar_year_versions_append_only();`,
  },
];
