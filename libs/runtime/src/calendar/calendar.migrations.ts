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
];
