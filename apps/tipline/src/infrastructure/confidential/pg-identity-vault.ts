import { randomBytes } from 'crypto';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@lw/db';
import type { IdentityVault, SealedBox } from '../../application/ports/identity-vault.port';
import { DATA_KEY_BYTES, openWith, sealWith, unwrapDataKey, wrapDataKey } from './envelope-cipher';
import type { MasterKeys } from './master-key';

interface KeyRow {
  master_key_id: string;
  wrapped: Buffer;
}

const REWRAP_BATCH = 500;

/**
 * IdentityVault on PostgreSQL: one random data key per tip in `tip_data_keys`, stored only wrapped
 * by a master key (AES-256-GCM both levels). Unwrapped keys are never cached, so a shred takes
 * effect on every replica at once.
 */
export class PgIdentityVault implements IdentityVault {
  constructor(
    private readonly pool: Pool,
    private readonly keys: MasterKeys,
  ) {}

  async seal(tipId: string, plaintext: string, tx: PoolClient): Promise<SealedBox> {
    const wrapped = wrapDataKey(this.keys.current.key, tipId, randomBytes(DATA_KEY_BYTES));
    // Two sealers of a new tip race on the primary key: the loser's insert does nothing (after
    // waiting for the winner's commit) and the SELECT, a new statement, then sees the winner's key.
    await tx.query(
      `INSERT INTO tip_data_keys (tip_id, master_key_id, wrapped) VALUES ($1, $2, $3) ON CONFLICT (tip_id) DO NOTHING`,
      [tipId, this.keys.current.id, wrapped],
    );
    const row = await this.row(tipId, tx);
    if (!row) throw new Error(`data key of tip ${tipId} vanished while sealing`);
    return sealWith(this.unwrap(tipId, row), tipId, plaintext);
  }

  async open(tipId: string, box: SealedBox): Promise<string | null> {
    const row = await this.row(tipId, this.pool);
    if (!row) return null;
    return openWith(this.unwrap(tipId, row), tipId, box);
  }

  /**
   * Deletes the data key. PostgreSQL leaves the deleted tuple (and the WAL and backups keep the
   * insert) until VACUUM reclaims it; that residue is a *wrapped* key, useless without the master
   * key. Call `vacuum()` after shredding to shorten its life on disk.
   */
  async shred(tipId: string, tx: PoolClient): Promise<boolean> {
    const res = await tx.query('DELETE FROM tip_data_keys WHERE tip_id = $1', [tipId]);
    return (res.rowCount ?? 0) > 0;
  }

  /** Reclaims the dead tuples shredding left behind. VACUUM cannot run inside a transaction: uses the pool. */
  async vacuum(): Promise<void> {
    await this.pool.query('VACUUM tip_data_keys');
  }

  /**
   * Rotation: re-wraps every data key wrapped under `fromKeyId` with the current master key, in
   * batches of short transactions (rows locked while re-wrapped, so a concurrent shred either
   * happens before, and the row is gone, or waits). Returns how many keys were re-wrapped. The old
   * master key may be retired once this returns 0 left and the table was vacuumed.
   */
  async rewrap(fromKeyId: string): Promise<number> {
    const { id: toId, key: toKey } = this.keys.current;
    if (fromKeyId === toId) return 0;
    const fromKey = this.keys.all.get(fromKeyId);
    if (!fromKey) throw new Error(`master key ${fromKeyId} is not configured (TIPLINE_OLD_MASTER_KEYS); cannot re-wrap its data keys`);
    let total = 0;
    for (;;) {
      const done = await withTransaction(this.pool, async (tx) => {
        const rows = await tx.query<{ tip_id: string; wrapped: Buffer }>(
          `SELECT tip_id, wrapped FROM tip_data_keys WHERE master_key_id = $1
           ORDER BY tip_id LIMIT ${REWRAP_BATCH} FOR UPDATE`,
          [fromKeyId],
        );
        for (const r of rows.rows) {
          const dataKey = unwrapDataKey(fromKey, r.tip_id, r.wrapped);
          await tx.query('UPDATE tip_data_keys SET master_key_id = $2, wrapped = $3 WHERE tip_id = $1', [
            r.tip_id,
            toId,
            wrapDataKey(toKey, r.tip_id, dataKey),
          ]);
        }
        return rows.rowCount ?? 0;
      });
      total += done;
      if (done === 0) return total;
    }
  }

  private async row(tipId: string, db: Pool | PoolClient): Promise<KeyRow | null> {
    const res = await db.query<KeyRow>('SELECT master_key_id, wrapped FROM tip_data_keys WHERE tip_id = $1', [tipId]);
    return res.rows[0] ?? null;
  }

  private unwrap(tipId: string, row: KeyRow): Buffer {
    const master = this.keys.all.get(row.master_key_id);
    if (!master) throw new Error(`data key of tip ${tipId} is wrapped by master key ${row.master_key_id}, which is not configured`);
    return unwrapDataKey(master, tipId, row.wrapped);
  }
}
