import type { Migration } from '@lw/db';

/** The roster's read model (ids `vetting/roster_NNN_…`); applied after the election migrations. */
export const rosterMigrations: Migration[] = [];
