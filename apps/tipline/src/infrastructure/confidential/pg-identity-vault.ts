import { randomBytes } from 'crypto';
import { rmSync } from 'fs';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@lw/db';
import type { IdentityVault, SealedBox } from '../../application/ports/identity-vault.port';
import { DATA_KEY_BYTES, openWith, sealWith, unwrapDataKey, wrapDataKey } from './envelope-cipher';
import type { KeyRing } from './key-ring';
import type { MasterKeys } from './master-key';

interface KeyRow {
  master_key_id: string;
  wrapped: Buffer;
}

interface VaultLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const REWRAP_BATCH = 500;
/** Session advisory lock serialising start-up checks and rotations of this database's key ring. */
const RING_LOCK = 0x7469_6b72; // "tikr"

/**
 * IdentityVault on PostgreSQL: one random data key per tip in `tip_data_keys`, stored only wrapped
 * (AES-256-GCM both levels). Unwrapped keys are never cached, so a shred takes effect on every
 * replica at once.
 *
 * With a key ring (embedded mode always; distributed mode with TIPLINE_KEY_RING_FILE) data keys are
 * wrapped under the ring's current epoch KEK, and an erasure is finished by `completeErasures()`:
 * a new epoch, every living key re-wrapped under it, every older epoch destroyed. A deleted row's
 * bytes may live on in WAL, free page space and backups; after that rotation nothing (the master
 * key included) opens them. Cost: one re-wrap per living key (thousands at county scale: seconds),
 * and erasures that commit during a rotation are covered by the next one.
 *
 * Without a ring the master key wraps the data keys directly and an erasure only deletes the row.
 */
export class PgIdentityVault implements IdentityVault {
  private erasedSinceRotation = false;

  constructor(
    private readonly pool: Pool,
    private readonly keys: MasterKeys,
    private readonly ring: KeyRing | null = null,
    private readonly log?: VaultLog,
    /**
     * Start even when the database names an epoch the ring lacks (TIPLINE_KEY_RING_ACCEPT_LOSS=true):
     * after restoring a database backup older than the ring, the keys under destroyed epochs are lost
     * anyway, and the rest of the service must run.
     */
    private readonly acceptLostEpoch = false,
  ) {}

  /**
   * Ring mode: opens the ring (creating it on a first start), refuses to run with a ring that lacks
   * the epoch the database uses, finishes an interrupted rotation and moves keys an older version
   * wrapped under the master key into the ring; then deletes a legacy key file in the data folder.
   */
  async start(): Promise<void> {
    if (!this.ring) return;
    const ring = this.ring;
    const acceptLoss = this.acceptLostEpoch;
    // A bucket that keeps object versions would keep every destroyed epoch: refuse before using it.
    await ring.file.store.prepare?.();
    await this.withRingLock(async () => {
      const row = (await this.pool.query<{ current_epoch: string }>('SELECT current_epoch FROM tip_key_ring')).rows[0];
      let content = await ring.load(!row);
      if (row && !content?.epochs.some((e) => e.id === row.current_epoch)) {
        const keys = Number((await this.pool.query('SELECT count(*) AS n FROM tip_data_keys')).rows[0].n);
        if (keys > 0 && !acceptLoss) {
          throw new Error(
            `the database holds ${keys} reporter data keys wrapped under key-ring epoch ${row.current_epoch}, but the key ring ` +
              `${ring.file.path} ${content ? 'does not hold it' : 'does not exist'} (master key: ${this.keys.source ?? 'configured'}). ` +
              'Restore this installation’s master key and key ring (README, 举报人信息的密钥); starting now would make every reporter identity unreadable. ' +
              'If they are truly lost (or the database was restored from before the last erasure), TIPLINE_KEY_RING_ACCEPT_LOSS=true starts anyway',
          );
        }
        if (keys > 0) this.log?.warn({ keys, epoch: row.current_epoch }, 'starting without the key-ring epoch the database names: those reporter data keys are lost');
        content = await ring.load(true);
      }
      await this.pool.query(
        `INSERT INTO tip_key_ring (current_epoch) VALUES ($1) ON CONFLICT (singleton) DO UPDATE SET current_epoch = EXCLUDED.current_epoch`,
        [content!.current],
      );
      const stale = Number(
        (await this.pool.query('SELECT count(*) AS n FROM tip_data_keys WHERE master_key_id <> $1', [content!.current])).rows[0].n,
      );
      await this.warnIfMasterWrappedKeysStay();
      const pending = await this.pendingErasures();
      if (pending > 0 || stale > 0 || content!.epochs.length > 1) await this.rotateLocked(pending);
      // Master-key rotation: once this returns, the old master key opens nothing that still exists.
      if (await ring.file.upgradeMaster()) this.log?.info({ master: this.keys.current.id }, 'key ring re-encrypted under the current master key');
    });
    if (this.keys.legacyFile) {
      // Safe: the rotation above moved every data key it wrapped (it is among the known keys).
      rmSync(this.keys.legacyFile, { force: true });
      this.log?.warn({ file: this.keys.legacyFile }, 'moved the reporter data keys off the master key file kept in the data folder, and deleted that file');
    }
  }

  async seal(tipId: string, plaintext: string, tx: PoolClient): Promise<SealedBox> {
    return sealWith(await this.keyIn(tipId, tx), tipId, plaintext);
  }

  /**
   * The tip's data key (evidence files are encrypted under keys derived from it), or null when it
   * was shredded. With `create` a missing key is made and committed at once, in its own transaction.
   */
  async dataKey(tipId: string, opts: { create: boolean }): Promise<Buffer | null> {
    if (opts.create) return withTransaction(this.pool, (tx) => this.keyIn(tipId, tx));
    return this.current(tipId);
  }

  async open(tipId: string, box: SealedBox): Promise<string | null> {
    const dataKey = await this.current(tipId);
    return dataKey ? openWith(dataKey, tipId, box) : null;
  }

  /**
   * Deletes the data key, and in ring mode counts an erasure for `completeErasures()` to finish
   * after the transaction commits (until then the deleted row's bytes still open under the current epoch).
   */
  async shred(tipId: string, tx: PoolClient): Promise<boolean> {
    const res = await tx.query('DELETE FROM tip_data_keys WHERE tip_id = $1', [tipId]);
    const deleted = (res.rowCount ?? 0) > 0;
    if (deleted && this.ring) {
      await tx.query('UPDATE tip_key_erasures SET pending = pending + 1');
      this.erasedSinceRotation = true;
    }
    return deleted;
  }

  /** True when this process shredded since its last rotation: the caller should run `completeErasures()`. */
  get erasurePending(): boolean {
    return this.erasedSinceRotation;
  }

  /**
   * Makes committed erasures irreversible: rotates the ring if any erasure is pending. Concurrent
   * callers queue on a lock; a rotation covers every erasure committed before it switched epochs.
   * Returns whether it rotated.
   */
  async completeErasures(): Promise<boolean> {
    if (!this.ring) return false;
    this.erasedSinceRotation = false;
    if ((await this.pendingErasures()) === 0) return false; // the common case, without taking the lock
    return this.withRingLock(async () => {
      const pending = await this.pendingErasures();
      if (pending === 0) return false;
      await this.rotateLocked(pending);
      return true;
    });
  }

  /** Reclaims the dead tuples shredding left behind. VACUUM cannot run inside a transaction: uses the pool. */
  async vacuum(): Promise<void> {
    await this.pool.query('VACUUM tip_data_keys');
  }

  /**
   * Master-key rotation (no ring): re-wraps every data key wrapped under `fromKeyId` with the current
   * master key, in batches of short transactions (rows locked while re-wrapped, so a concurrent shred
   * either happens before, and the row is gone, or waits). Returns how many keys were re-wrapped.
   */
  async rewrap(fromKeyId: string): Promise<number> {
    // With a ring, start() moves keys off old master keys and rotations move them between epochs.
    if (this.ring) throw new Error('rewrap is for vaults without a key ring');
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

  /** The tip's data key in `tx`, created (wrapped under the current KEK) if absent. */
  private async keyIn(tipId: string, tx: PoolClient): Promise<Buffer> {
    const kek = await this.currentKek(tx);
    const wrapped = wrapDataKey(kek.key, tipId, randomBytes(DATA_KEY_BYTES));
    // Two sealers of a new tip race on the primary key: the loser's insert does nothing (after
    // waiting for the winner's commit) and the SELECT, a new statement, then sees the winner's key.
    await tx.query(
      `INSERT INTO tip_data_keys (tip_id, master_key_id, wrapped) VALUES ($1, $2, $3) ON CONFLICT (tip_id) DO NOTHING`,
      [tipId, kek.id, wrapped],
    );
    const row = await this.row(tipId, tx);
    const key = row ? await this.unwrap(tipId, row, tx) : null;
    if (!key) throw new Error(`data key of tip ${tipId} vanished while sealing`);
    return key;
  }

  /** The tip's data key outside a transaction, or null when shredded. */
  private async current(tipId: string): Promise<Buffer | null> {
    const row = await this.row(tipId, this.pool);
    return row ? this.unwrap(tipId, row, this.pool) : null;
  }

  /** The KEK new keys are wrapped under. Ring mode reads the epoch FOR SHARE: a rotation's switch waits for this transaction. */
  private async currentKek(tx: PoolClient): Promise<{ id: string; key: Buffer }> {
    if (!this.ring) return this.keys.current;
    const res = await tx.query<{ current_epoch: string }>('SELECT current_epoch FROM tip_key_ring FOR SHARE');
    const id = res.rows[0]?.current_epoch;
    if (!id) throw new Error('the key ring was not started (PgIdentityVault.start)');
    const key = await this.ring.get(id);
    if (!key) throw new Error(`key-ring epoch ${id} is current in the database but missing from ${this.ring.file.path}`);
    return { id, key };
  }

  /** One rotation; the caller holds the ring lock. `pending` erasures are marked done at the end. */
  private async rotateLocked(pending: number): Promise<void> {
    const ring = this.ring!;
    const epoch = await ring.addEpoch(); // in the store before the database names it, so every process finds it
    await this.pool.query('UPDATE tip_key_ring SET current_epoch = $1', [epoch.id]);
    let moved = 0;
    let unreadable = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await withTransaction(this.pool, async (tx) => {
        const rows = await tx.query<{ tip_id: string; master_key_id: string; wrapped: Buffer }>(
          `SELECT tip_id, master_key_id, wrapped FROM tip_data_keys WHERE master_key_id <> $1 AND tip_id > $2
           ORDER BY tip_id LIMIT ${REWRAP_BATCH} FOR UPDATE`,
          [epoch.id, after],
        );
        for (const r of rows.rows) {
          const kek = await this.kekFor(r.master_key_id);
          if (!kek) {
            unreadable++;
            continue;
          }
          const dataKey = unwrapDataKey(kek, r.tip_id, r.wrapped);
          await tx.query('UPDATE tip_data_keys SET master_key_id = $2, wrapped = $3 WHERE tip_id = $1', [
            r.tip_id,
            epoch.id,
            wrapDataKey(epoch.key, r.tip_id, dataKey),
          ]);
          dataKey.fill(0);
          moved++;
        }
        return rows.rows;
      });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].tip_id;
    }
    await ring.retainOnly(epoch.id);
    await this.pool.query('UPDATE tip_key_erasures SET pending = greatest(pending - $1, 0)', [pending]);
    // Not needed for the guarantee (the old epoch is gone); shortens the residue's life on disk.
    await this.vacuum().catch(() => undefined);
    if (unreadable > 0) this.log?.warn({ unreadable }, 'data keys wrapped under keys that no longer exist (a database restored from before an erasure?) were left as they are');
    this.log?.info({ epoch: epoch.id, rewrapped: moved }, 'key ring rotated: erased reporter data keys can no longer be opened');
  }

  /**
   * Keys an older version wrapped directly under the master key are moved into the ring at start;
   * but the rows of identities erased BEFORE this upgrade survive in WAL and backups wrapped under
   * that master key, and stay decryptable while it is the master key. Only a master-key rotation
   * closes that: logged as an error rather than refused, so that an upgrade never takes the tip line
   * down (installations that never erased anything are not at risk, and the rotation can follow at
   * any later start).
   */
  private async warnIfMasterWrappedKeysStay(): Promise<void> {
    const masterId = this.keys.current.id;
    const n = Number((await this.pool.query('SELECT count(*) AS n FROM tip_data_keys WHERE master_key_id = $1', [masterId])).rows[0].n);
    if (n === 0) return;
    this.log?.error(
      { keys: n, masterKey: masterId },
      `reporter data keys were wrapped directly under master key ${masterId}, which is still the master key: identities erased before this upgrade ` +
        'remain decryptable from the database WAL and backups with it. Rotate the master key now: start once with a new TIPLINE_MASTER_KEY ' +
        `(and TIPLINE_MASTER_KEY_ID) and the current one in TIPLINE_OLD_MASTER_KEYS ("${masterId}:<base64>"), then destroy the old key (README, 举报人信息的密钥)`,
    );
  }

  private async pendingErasures(): Promise<number> {
    return Number((await this.pool.query('SELECT pending FROM tip_key_erasures')).rows[0]?.pending ?? 0);
  }

  private async withRingLock<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [RING_LOCK]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [RING_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  private async kekFor(id: string): Promise<Buffer | undefined> {
    return this.ring && id.startsWith('ring-') ? this.ring.get(id) : this.keys.all.get(id);
  }

  private async row(tipId: string, db: Pool | PoolClient): Promise<KeyRow | null> {
    const res = await db.query<KeyRow>('SELECT master_key_id, wrapped FROM tip_data_keys WHERE tip_id = $1', [tipId]);
    return res.rows[0] ?? null;
  }

  /**
   * The data key in `row`, or null when it was shredded meanwhile. A rotation may have re-wrapped the
   * row and destroyed its epoch since it was read (in `db`, a new statement sees that commit): then
   * the row is read once more.
   */
  private async unwrap(tipId: string, row: KeyRow, db: Pool | PoolClient): Promise<Buffer | null> {
    let kek = await this.kekFor(row.master_key_id);
    if (!kek && this.ring) {
      const again = await this.row(tipId, db);
      if (!again) return null;
      row = again;
      kek = await this.kekFor(row.master_key_id);
    }
    if (!kek) throw new Error(`data key of tip ${tipId} is wrapped by master key ${row.master_key_id}, which is not configured`);
    return unwrapDataKey(kek, tipId, row.wrapped);
  }
}
