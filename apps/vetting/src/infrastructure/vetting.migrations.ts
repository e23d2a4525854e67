import type { Migration } from '@lw/db';
import { assessmentMigrations } from './assessment/assessment.migrations';
import { campaignMigrations } from './campaign/campaign.migrations';
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
  {
    id: 'vetting/002_election_review',
    sql: `
      -- Open nominations per person, so a change of a person's facts finds the elections to re-review.
      CREATE TABLE nominations (
        stream_id text NOT NULL,
        nominee_id text NOT NULL,
        person_id text NOT NULL,
        village_code text NOT NULL,
        name text NOT NULL,
        open boolean NOT NULL DEFAULT true,
        PRIMARY KEY (stream_id, nominee_id)
      );
      CREATE INDEX nominations_person ON nominations (person_id) WHERE open;
      CREATE INDEX nominations_village_name ON nominations (village_code, name) WHERE open;

      -- Tips concluded (partly) substantiated against a nominee (matched by name within the village).
      CREATE TABLE substantiated_tips (
        person_id text NOT NULL,
        tip_id uuid NOT NULL,
        concluded_on date NOT NULL,
        summary text NOT NULL,
        PRIMARY KEY (person_id, tip_id)
      );

      -- The auditing service's word on each village's outgoing audit, per election (the gate's input).
      CREATE TABLE village_audits (
        election_id text NOT NULL,
        village_code text NOT NULL,
        engagement_id text NOT NULL,
        concluded boolean NOT NULL DEFAULT false,
        published boolean NOT NULL DEFAULT false,
        PRIMARY KEY (election_id, village_code)
      );
      CREATE TABLE audit_findings (
        engagement_id text NOT NULL,
        finding_id text NOT NULL,
        serious boolean NOT NULL,
        rectification_required boolean NOT NULL,
        rectified boolean NOT NULL DEFAULT false,
        PRIMARY KEY (engagement_id, finding_id)
      );

      -- The election board: one row per village per election.
      CREATE TABLE village_elections (
        election_id text NOT NULL,
        village_code text NOT NULL,
        stream_id text NOT NULL UNIQUE,
        stage text NOT NULL,
        gate_open boolean NOT NULL,
        gate_reasons jsonb NOT NULL,
        nominees int NOT NULL DEFAULT 0,
        reviewed int NOT NULL DEFAULT 0,
        blocked int NOT NULL DEFAULT 0,
        disqualified int NOT NULL DEFAULT 0,
        open_objections int NOT NULL DEFAULT 0,
        notice_ends_on date,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (election_id, village_code)
      );
      CREATE TABLE elections (
        election_id text PRIMARY KEY,
        name text NOT NULL,
        scope text NOT NULL,
        policy_id text NOT NULL,
        policy_version int NOT NULL,
        voting_from date,
        opened_at timestamptz NOT NULL
      );`,
  },
  {
    id: 'vetting/003_board_overdue_reviews',
    sql: `
      -- Nominees with a joint-review department chased for being late and not yet answered.
      ALTER TABLE village_elections ADD COLUMN joint_reviews_overdue int NOT NULL DEFAULT 0;`,
  },
];

export const vettingMigrations: Migration[] = [...electionMigrations, ...rosterMigrations, ...assessmentMigrations, ...campaignMigrations];
