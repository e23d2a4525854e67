import type { Migration } from '@lw/db';

/** The roster's read model (ids `vetting/roster_NNN_…`); applied after the election migrations. */
export const rosterMigrations: Migration[] = [
  {
    id: 'vetting/roster_001_citizen_ids',
    sql: `
      -- Write side, not a projection: claims a citizen id for one person id in the command's own
      -- transaction (under an advisory lock on the id), so two imports never create one person twice.
      CREATE TABLE roster_citizen_ids (
        citizen_id text PRIMARY KEY,
        person_id text NOT NULL UNIQUE
      );`,
  },
  {
    id: 'vetting/roster_002_read_model',
    sql: `
      -- Projections of the roster-person-* / roster-village-* / assessment-* streams (projector 'roster').
      CREATE TABLE roster_persons (
        person_id text PRIMARY KEY,
        citizen_id text NOT NULL UNIQUE,
        name text NOT NULL,
        gender text NOT NULL,
        birth_date date NOT NULL,
        ethnicity text NOT NULL,
        education text NOT NULL,
        political_status text NOT NULL,
        party_join_date date,
        phone text,
        tags text[] NOT NULL DEFAULT '{}',
        villages text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX roster_persons_name ON roster_persons (name);
      CREATE TABLE roster_holdings (
        village_code text NOT NULL,
        person_id text NOT NULL,
        body text NOT NULL,
        post text NOT NULL,
        from_date date NOT NULL,
        to_date date,
        PRIMARY KEY (village_code, person_id, body, post, from_date)
      );
      CREATE INDEX roster_holdings_person ON roster_holdings (person_id);
      CREATE TABLE roster_records (
        record_id text PRIMARY KEY,
        person_id text NOT NULL,
        text text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        category text NOT NULL,
        date date NOT NULL,
        ends_on date,
        source text
      );
      CREATE INDEX roster_records_person ON roster_records (person_id);
      -- source 'roster' (one grade per year) or 'assessment' (ref = the assessment id).
      CREATE TABLE roster_appraisals (
        person_id text NOT NULL,
        year int NOT NULL,
        source text NOT NULL,
        ref text NOT NULL DEFAULT '',
        grade text NOT NULL,
        PRIMARY KEY (person_id, year, source, ref)
      );
      CREATE TABLE roster_relatives (
        person_id text NOT NULL,
        relative_id text NOT NULL,
        kind text NOT NULL,
        PRIMARY KEY (person_id, relative_id, kind)
      );
      CREATE INDEX roster_relatives_relative ON roster_relatives (relative_id);
      CREATE TABLE roster_roles (
        person_id text NOT NULL,
        role text NOT NULL,
        village_code text NOT NULL,
        since date NOT NULL,
        until date,
        PRIMARY KEY (person_id, role)
      );
      CREATE TABLE roster_investigations (
        investigation_id text PRIMARY KEY,
        person_id text NOT NULL,
        since date NOT NULL,
        closed_on date,
        source text
      );
      CREATE INDEX roster_investigations_person ON roster_investigations (person_id);`,
  },
  {
    id: 'vetting/roster_003_evaluations',
    sql: `
      -- Negative 民主测评 grades (不称职 …) of approved campaign dossiers (dossier-* streams, projector
      -- 'roster'), apart from the yearly appraisals: the negative list tells the two apart.
      CREATE TABLE roster_evaluations (
        person_id text NOT NULL,
        campaign_id text NOT NULL,
        subject_code text NOT NULL,
        date date NOT NULL,
        grade text NOT NULL,
        campaign_name text NOT NULL,
        PRIMARY KEY (person_id, campaign_id, subject_code)
      );
      CREATE INDEX roster_evaluations_dossier ON roster_evaluations (campaign_id, subject_code);`,
  },
];
