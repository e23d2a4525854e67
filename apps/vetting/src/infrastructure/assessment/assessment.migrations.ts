import type { Migration } from '@lw/db';

/** Assessments' read model (ids `vetting/assessment_NNN_…`); applied after the roster migrations. */
export const assessmentMigrations: Migration[] = [];
