import type { Migration } from '@lw/db';
import { assessmentMigrations } from './assessment/assessment.migrations';
import { rosterMigrations } from './roster/roster.migrations';

const electionMigrations: Migration[] = [
  {
    id: 'vetting/001_objections',
    sql: `
      -- Tips the tip-line labelled as objections to one of our notices, and the election stream they block.
      CREATE TABLE objections (
        tip_id uuid PRIMARY KEY,
        stream_id text NOT NULL,
        notice_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

export const vettingMigrations: Migration[] = [...electionMigrations, ...rosterMigrations, ...assessmentMigrations];
