import type { Migration } from '@lw/db';

/** The tip-line's own tables beside its event store. No table holds a reporter's identity in the clear. */
export const tiplineTableMigrations: Migration[] = [
  {
    id: 'tipline/001_receipts',
    sql: `
      -- Receipt codes: the public locator finds the row, the secret is only kept as a slow hash.
      CREATE TABLE receipts (
        locator text PRIMARY KEY,
        tip_id uuid NOT NULL UNIQUE,
        hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    id: 'tipline/002_matters',
    sql: `
      -- Repeat detection: one row per (hashed) subject and matter, pointing at the first tip of its window.
      CREATE TABLE tip_matters (
        matter_key text PRIMARY KEY,
        first_tip_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        window_ends_at timestamptz NOT NULL,
        repeats int NOT NULL DEFAULT 0
      );`,
  },
  {
    id: 'tipline/003_notices',
    sql: `
      -- Candidates under public notice, from vetting's events: a tip about one is an objection (异议).
      CREATE TABLE public_notices (
        notice_id text PRIMARY KEY,
        village_code text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        ended_on date
      );
      CREATE TABLE notice_candidates (
        notice_id text NOT NULL REFERENCES public_notices ON DELETE CASCADE,
        name text NOT NULL,
        citizen_id text
      );
      CREATE INDEX notice_candidates_notice ON notice_candidates (notice_id);
      CREATE INDEX public_notices_village ON public_notices (village_code, ends_on);`,
  },
  {
    id: 'tipline/004_tip_list',
    sql: `
      -- The inbox read model (projection of the tip streams). Deliberately without reporter fields or text.
      CREATE TABLE tip_list (
        tip_id uuid PRIMARY KEY,
        version int NOT NULL,
        status text NOT NULL,
        channel text NOT NULL,
        category text NOT NULL,
        category_group text NOT NULL,
        village_code text,
        township_code text,
        subjects_label text NOT NULL,
        anonymous boolean NOT NULL,
        election_related boolean NOT NULL,
        objection boolean NOT NULL,
        repeat_of uuid,
        repeat_count int NOT NULL DEFAULT 0,
        regime text NOT NULL,
        unit_code text,
        unit_name text,
        finding text,
        false_accusation boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL,
        accepted_at timestamptz,
        concluded_at timestamptz,
        closed_at timestamptz,
        concluded_within_limit boolean,
        next_deadline_kind text,
        next_deadline_at timestamptz,
        next_deadline_due date,
        overdue_flagged boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tip_list_received ON tip_list (received_at DESC);
      CREATE INDEX tip_list_village ON tip_list (village_code text_pattern_ops);
      CREATE INDEX tip_list_status ON tip_list (status);
      CREATE INDEX tip_list_next_deadline ON tip_list (next_deadline_at) WHERE next_deadline_at IS NOT NULL;`,
  },
  {
    id: 'tipline/005_notice_candidate_id',
    sql: `
      -- Vetting's candidate id, so an objection names the candidate it is about.
      ALTER TABLE notice_candidates ADD COLUMN candidate_id text;`,
  },
  {
    id: 'tipline/006_notice_candidate_post',
    sql: `
      -- The post each candidate stands for (vetting's notice event carries it), for the public notice list.
      ALTER TABLE notice_candidates ADD COLUMN post text;
      CREATE INDEX public_notices_running ON public_notices (ends_on) WHERE ended_on IS NULL;`,
  },
  {
    id: 'tipline/007_notice_candidate_key',
    sql: `
      -- A row key, so the read model's entity has one (two candidates of a notice may share a name).
      ALTER TABLE notice_candidates ADD COLUMN id bigserial PRIMARY KEY;`,
  },
];
