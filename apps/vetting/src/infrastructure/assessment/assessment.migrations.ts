import type { Migration } from '@lw/db';

/** Assessments' read model (ids `vetting/assessment_NNN_…`); applied after the roster migrations. */
export const assessmentMigrations: Migration[] = [
  {
    id: 'vetting/assessment_001_read_model',
    sql: `
      -- The assessment in force per village and period (the newest revision of its stream).
      CREATE TABLE assessments (
        village_code        text        NOT NULL,
        period              text        NOT NULL,
        year                integer     NOT NULL,
        assessment_id       text        NOT NULL,
        revision            integer     NOT NULL,
        data                jsonb       NOT NULL,
        classification      text        NOT NULL,
        weak                boolean     NOT NULL,
        valid               boolean     NOT NULL,
        recorded_at         timestamptz NOT NULL,
        PRIMARY KEY (village_code, period)
      );
      CREATE INDEX assessments_period_village_idx ON assessments (period, village_code text_pattern_ops);
      -- Every revision ever recorded, with who recorded it: a village's history and the corrections.
      CREATE TABLE assessment_revisions (
        event_id      uuid        PRIMARY KEY,
        village_code  text        NOT NULL,
        period        text        NOT NULL,
        assessment_id text        NOT NULL,
        revision      integer     NOT NULL,
        data          jsonb       NOT NULL,
        actor         jsonb,
        recorded_at   timestamptz NOT NULL
      );
      CREATE INDEX assessment_revisions_village_idx ON assessment_revisions (village_code, period, recorded_at);`,
  },
];
