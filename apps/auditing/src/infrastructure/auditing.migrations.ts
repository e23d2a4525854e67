import type { Migration } from '@lw/db';

/** The auditing service's read models beside its event store (projections of the engagement streams). */
export const auditingMigrations: Migration[] = [
  {
    id: 'auditing/001_engagements',
    sql: `
      -- One row per engagement, rebuilt from its stream by the engagement projection.
      CREATE TABLE engagements (
        engagement_id text PRIMARY KEY,
        version int NOT NULL,
        kind text NOT NULL,
        village_code text NOT NULL,
        election_id text,
        status text NOT NULL,
        persons jsonb NOT NULL,
        auditors jsonb NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        planned_at timestamptz NOT NULL,
        concluded_at timestamptz,
        published_at timestamptz,
        notice_ends_on date,
        findings int NOT NULL DEFAULT 0,
        serious_open int NOT NULL DEFAULT 0,
        amount_fen numeric NOT NULL DEFAULT 0
      );
      CREATE INDEX engagements_village ON engagements (village_code text_pattern_ops);
      CREATE INDEX engagements_election ON engagements (election_id, village_code);`,
  },
  {
    id: 'auditing/002_findings',
    sql: `
      -- Findings in their current version (amendments applied); amounts in fen, summed exactly as numeric.
      CREATE TABLE findings (
        finding_id text PRIMARY KEY,
        engagement_id text NOT NULL REFERENCES engagements ON DELETE CASCADE,
        seq int NOT NULL,
        village_code text NOT NULL,
        election_id text,
        category text NOT NULL,
        severity text NOT NULL,
        amount_fen bigint,
        description text NOT NULL,
        responsible_persons jsonb NOT NULL,
        rectification_required boolean NOT NULL,
        violation_suspected boolean NOT NULL,
        transferred boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        amendments int NOT NULL DEFAULT 0,
        rectified_at timestamptz,
        case_id text
      );
      CREATE INDEX findings_engagement ON findings (engagement_id, seq);
      CREATE INDEX findings_village ON findings (village_code text_pattern_ops);`,
  },
];
