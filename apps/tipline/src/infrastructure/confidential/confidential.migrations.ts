import type { Migration } from '@lw/db';

/** Tables of the confidentiality machinery: per-tip data keys and receipt-code attempt counters. */
export const confidentialMigrations: Migration[] = [
  {
    id: 'tipline/010_tip_data_keys',
    sql: `
      -- One data key per tip, only ever stored wrapped by a master key (iv || tag || ciphertext).
      -- Deleting the row is the crypto-shred of the tip's reporter identity.
      CREATE TABLE tip_data_keys (
        tip_id uuid PRIMARY KEY,
        master_key_id text NOT NULL,
        wrapped bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Rotation looks up the keys still wrapped by an old master key.
      CREATE INDEX tip_data_keys_master ON tip_data_keys (master_key_id);`,
  },
  {
    id: 'tipline/011_receipt_attempts',
    sql: `
      -- Receipt-code guessing counters, shared by all replicas. key = 'client:<hash>' or 'code:<hash>'.
      CREATE TABLE receipt_attempts (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        failures int NOT NULL DEFAULT 0,
        locked_until timestamptz
      );`,
  },
];
