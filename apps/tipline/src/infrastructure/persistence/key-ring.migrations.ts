import type { Migration } from '@lw/db';

/** Coordination of the key ring (infrastructure/confidential/key-ring.ts); no key material in these tables. */
export const keyRingMigrations: Migration[] = [
  {
    id: 'tipline/020_key_ring',
    sql: `
      -- From here on tip_data_keys.master_key_id names the key-ring epoch (ring-<n>) that wraps the key;
      -- rows still naming a master key are moved into the ring at start.
      -- The key-ring epoch new data keys are wrapped under. Sealers read it FOR SHARE, so a rotation's
      -- switch waits for them and every key wrapped under the old epoch is committed before the re-wrap.
      CREATE TABLE tip_key_ring (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        current_epoch text NOT NULL
      );
      -- Erasures committed whose rotation has not finished: a crash mid-rotation is finished at start.
      CREATE TABLE tip_key_erasures (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        pending bigint NOT NULL DEFAULT 0
      );
      INSERT INTO tip_key_erasures DEFAULT VALUES;`,
  },
];
