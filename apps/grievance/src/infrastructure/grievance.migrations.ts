import type { Migration } from '@lw/db';

/** Grievance's own tables beside its event store: the ledger read model and the liaison assignments. */
export const grievanceMigrations: Migration[] = [
  {
    id: 'grievance/001_case_ledger',
    sql: `
      -- The ledger (台账): projection of the case streams. The light is computed from the limit at read time.
      CREATE TABLE case_ledger (
        case_id uuid PRIMARY KEY,
        version int NOT NULL,
        status text NOT NULL,
        village_code text COLLATE "C" NOT NULL,
        township_code text COLLATE "C",
        source_kind text NOT NULL,
        source_ref text,
        category text NOT NULL,
        severity text NOT NULL,
        description text NOT NULL,
        measures text NOT NULL,
        responsible_unit text NOT NULL,
        responsible_name text,
        responsible_post text,
        directly_responsible text NOT NULL DEFAULT '',
        deadline_start date NOT NULL,
        deadline_due date NOT NULL,
        deadline_ends_at timestamptz NOT NULL,
        yellow_at timestamptz NOT NULL,
        beyond_horizon boolean NOT NULL,
        red_count int NOT NULL DEFAULT 0,
        escalations int NOT NULL DEFAULT 0,
        last_escalation text,
        latest_progress text,
        latest_progress_at timestamptz,
        applied_at timestamptz,
        closed_at timestamptz,
        closed_on_time boolean,
        reopen_count int NOT NULL DEFAULT 0,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_ledger_village ON case_ledger (village_code, opened_at DESC);
      CREATE INDEX case_ledger_opened ON case_ledger (opened_at DESC, case_id);
      CREATE INDEX case_ledger_open_deadline ON case_ledger (deadline_ends_at) WHERE status <> 'closed';
      CREATE INDEX case_ledger_source ON case_ledger (source_kind, source_ref);`,
  },
  {
    id: 'grievance/002_liaisons',
    sql: `
      -- 联村领导 / 包村干部 per village: the default first responsible person of its cases.
      CREATE TABLE liaison_assignments (
        village_code text COLLATE "C" PRIMARY KEY,
        user_id text,
        name text NOT NULL,
        post text,
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX liaison_assignments_user ON liaison_assignments (user_id);
      -- Every change, attributable (who assigned whom, when; removals too).
      CREATE TABLE liaison_assignment_log (
        id bigserial PRIMARY KEY,
        village_code text NOT NULL,
        user_id text,
        name text,
        post text,
        removed boolean NOT NULL DEFAULT false,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];
