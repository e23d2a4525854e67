import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ALL_START, AllPosition, StoredEvent } from './event.types';
import { LeasedLoop, LoopStep } from './leased-loop';
import { readAllAfter } from './read-all';

export interface ProjectorOptions {
  pool: Pool;
  /** Checkpoint and lease name; one active projector per name (per schema). */
  name: string;
  /**
   * Applies a batch through `tx` (raw SQL) or `manager` (TypeORM entities, when `readModels` is
   * given); its writes commit together with the new checkpoint.
   */
  handle: (events: StoredEvent[], tx: PoolClient, manager: EntityManager | undefined) => Promise<void>;
  /** The service's read-model DataSource (see readModelSource, on this same pool): batches run on its connections. */
  readModels?: DataSource;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Run only while holding the lease (default). Without it, batches still never overlap. */
  leader?: boolean;
  leaseRetryMs?: number;
  retryBaseMs?: number;
  maxRetryMs?: number;
  onError?: (err: Error) => void;
}

/** How often a read-your-writes wait asks for a batch (see waitPast); it watches the checkpoint in between. */
const NUDGE_MS = 200;

/**
 * Feeds read models from the event store: reads all events after its checkpoint (gap-safe, see
 * read-all.ts) and applies them and the new checkpoint in ONE transaction, so a crash either
 * keeps both or neither: nothing is applied twice or skipped. A failing batch is retried with
 * backoff and blocks the projection (the order matters to read models).
 */
export class Projector {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly onError: (err: Error) => void;
  private readonly loop: LeasedLoop;

  constructor(private readonly opts: ProjectorOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.pollIntervalMs = opts.pollIntervalMs ?? 500;
    this.onError = opts.onError ?? ((err) => console.error(`projector ${opts.name}: ${err.message}`));
    this.loop = new LeasedLoop({
      pool: opts.pool,
      key: `projector:${opts.name}`,
      leader: opts.leader ?? true,
      leaseRetryMs: opts.leaseRetryMs ?? 1000,
      retryBaseMs: opts.retryBaseMs ?? 200,
      maxRetryMs: opts.maxRetryMs ?? 30_000,
      onError: this.onError,
      step: () => this.step(),
    });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Ends the current poll wait: call after appending, so read models follow at once. */
  wake(): void {
    this.loop.signal.wake();
  }

  isLeader(): boolean {
    return this.loop.isLeader();
  }

  /** Processes batches until none is visible (events of still-open transactions wait). */
  async catchUp(): Promise<void> {
    while ((await this.processBatch()) > 0);
  }

  /**
   * Read-your-writes: resolves once this read model has applied transaction `txId` (committed by
   * the caller), so the clerk's next read shows the write. An older transaction still open
   * anywhere on the server holds read-all back for a moment, hence the polling. Gives up quietly
   * after `timeoutMs` (false): lateness, never a failed command; the loop carries on.
   */
  async waitPast(txId: string | null, timeoutMs = 5000): Promise<boolean> {
    if (txId === null) return true;
    const target = BigInt(txId);
    const until = Date.now() + timeoutMs;
    let nudged = 0;
    for (;;) {
      try {
        // Where this projector's loop runs, waiting writers only wake it and watch the checkpoint:
        // the loop applies all their events in one batch. Elsewhere (another replica leads), the
        // writer applies the batch itself (batches of one projection never overlap). Either at
        // most every NUDGE_MS: while another database's long transaction holds read-all back, a
        // batch per poll would only repeat read-all's scan of the server's open transactions.
        if (Date.now() - nudged >= NUDGE_MS) {
          nudged = Date.now();
          if (this.loop.isLeader()) this.wake();
          else await this.catchUp();
        }
        if (BigInt((await this.checkpoint()).txId) >= target) return true;
      } catch (err) {
        this.onError(err as Error);
      }
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async checkpoint(): Promise<AllPosition> {
    const { rows } = await this.opts.pool.query<AllPosition>(
      'SELECT tx_id::text AS "txId", position::text AS position FROM checkpoints WHERE name = $1',
      [this.opts.name],
    );
    return rows[0] ?? ALL_START;
  }

  /** One transaction: lock, read checkpoint, read events, handle, store checkpoint. Returns the count. */
  async processBatch(): Promise<number> {
    // With read models on TypeORM the batch's connection is a query runner's (from the same pool),
    // so entity writes and the checkpoint share one transaction.
    const runner: QueryRunner | undefined = this.opts.readModels?.createQueryRunner();
    const tx: PoolClient = runner ? await runner.connect() : await this.opts.pool.connect();
    let broken = false;
    // A checked-out client whose connection dies (database restart) emits 'error'; unheard, it
    // would crash the process. The failing query rejects anyway; the client is then discarded.
    const onError = (): void => void (broken = true);
    tx.on('error', onError);
    try {
      await (runner ? runner.startTransaction() : tx.query('BEGIN'));
      // Serialises batches of this projection across instances (also with leader: false). A
      // transaction-level advisory lock takes no xid, so it does not hold back read-all's xmin.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('projector-batch:' || current_schema() || ':' || $1, 0))`, [
        this.opts.name,
      ]);
      const { rows } = await tx.query<AllPosition>(
        'SELECT tx_id::text AS "txId", position::text AS position FROM checkpoints WHERE name = $1',
        [this.opts.name],
      );
      const { events, next } = await readAllAfter(tx, rows[0] ?? ALL_START, this.batchSize);
      if (events.length > 0) {
        await this.opts.handle(events, tx, runner?.manager);
        await tx.query(
          `INSERT INTO checkpoints (name, tx_id, position, updated_at) VALUES ($1, $2::xid8, $3, now())
           ON CONFLICT (name) DO UPDATE SET tx_id = excluded.tx_id, position = excluded.position, updated_at = now()`,
          [this.opts.name, next.txId, next.position],
        );
      }
      await (runner ? runner.commitTransaction() : tx.query('COMMIT'));
      return events.length;
    } catch (err) {
      const rollback = runner ? (runner.isTransactionActive ? runner.rollbackTransaction() : Promise.resolve()) : tx.query('ROLLBACK');
      broken = !(await rollback.then(() => true, () => false)) || broken;
      throw err;
    } finally {
      tx.off('error', onError);
      // A query runner hands its connection back itself (and drops it when it broke).
      if (runner) await runner.release();
      else tx.release(broken || undefined);
    }
  }

  /** One batch; a failure is counted and backed off by the loop. */
  private async step(): Promise<LoopStep> {
    const n = await this.processBatch();
    return { delayMs: n >= this.batchSize ? 0 : this.pollIntervalMs, wakeable: true };
  }
}
