import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import { normalizeJobSpec, retryDelayMs } from '../job-spec';
import { defaultJobLogger, errorMessage, JobLogger } from '../job-logger';
import type { JobHandler, JobScheduler, JobSpec, JobState, JobStatus, JobTransaction } from '../jobs.port';

export interface PgJobSchedulerOptions {
  /** A pool whose search_path is the schema where jobsMigrations ran. The caller owns (and ends) it. */
  pool: Pool;
  /** How often an idle worker looks for due jobs; default 1000 ms. */
  pollIntervalMs?: number;
  /** How long a claim holds a job without a heartbeat; a dead worker's job runs again after it. Default 30 s. */
  leaseMs?: number;
  /** Handlers run at once by this instance; default 4. */
  concurrency?: number;
  /** Recorded in locked_by, for operators; default a random id. */
  workerId?: string;
  logger?: JobLogger;
}

interface ClaimedRow {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  lock_token: string;
}

const LEASE_LOST_ON_FINAL_ATTEMPT = 'worker lease expired during the last attempt';

/**
 * Embedded-mode scheduler, durable in PostgreSQL. Any number of instances may share the table:
 * a claim is one UPDATE over rows picked with FOR UPDATE SKIP LOCKED, so two instances never take
 * the same row, and the lease (locked_until, renewed by a heartbeat while the handler runs) hands
 * the job to another instance once its worker died. Completion and failure are fenced by the
 * claim's token, so a worker that lost its lease cannot overwrite the new owner's outcome.
 */
export class PgJobScheduler implements JobScheduler {
  private readonly pool: Pool;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly workerId: string;
  private readonly logger: JobLogger;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Set<Promise<void>>();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(options: PgJobSchedulerOptions) {
    this.pool = options.pool;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.concurrency = options.concurrency ?? 4;
    this.workerId = options.workerId ?? `pg-jobs-${randomUUID()}`;
    this.logger = options.logger ?? defaultJobLogger;
  }

  async schedule(spec: JobSpec, tx?: JobTransaction): Promise<'scheduled' | 'exists'> {
    const s = normalizeJobSpec(spec);
    const res = await (tx ?? this.pool).query(
      `INSERT INTO jobs (id, name, payload, run_at, max_attempts, backoff_ms)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [s.id, s.name, JSON.stringify(s.payload ?? null), s.runAt, s.maxAttempts, s.backoffMs],
    );
    return res.rowCount === 1 ? 'scheduled' : 'exists';
  }

  async reschedule(id: string, runAt: Date): Promise<boolean> {
    // A claim holds the row lock; this UPDATE waits for it and then sees state = 'running', so it cannot move a started job.
    const res = await this.pool.query(
      `UPDATE jobs SET run_at = $2, updated_at = now() WHERE id = $1 AND state = 'scheduled'`,
      [id, runAt],
    );
    return res.rowCount === 1;
  }

  async cancel(id: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE jobs SET state = 'cancelled', finished_at = now(), updated_at = now() WHERE id = $1 AND state = 'scheduled'`,
      [id],
    );
    return res.rowCount === 1;
  }

  register<P = any>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job ${name} is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.poll();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  async status(id: string): Promise<JobStatus | null> {
    const res = await this.pool.query<{ state: JobState; attempts: number; last_error: string | null; run_at: Date }>(
      `SELECT state, attempts, last_error, run_at FROM jobs WHERE id = $1`,
      [id],
    );
    const row = res.rows[0];
    if (!row) return null;
    return {
      state: row.state,
      attempts: row.attempts,
      runAt: row.run_at,
      ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    };
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        const free = this.concurrency - this.active.size;
        if (free > 0 && this.handlers.size > 0) {
          const rows = await this.claim(free);
          claimed = rows.length;
          for (const row of rows) this.track(this.execute(row));
        }
      } catch (err) {
        this.logger.error({ err, workerId: this.workerId }, 'job poll failed');
      }
      // A full batch means more may be due: look again at once, unless every slot is busy.
      const full = this.active.size >= this.concurrency;
      if (this.running && (claimed === 0 || full)) await this.sleep(this.pollIntervalMs);
    }
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    // A job whose final attempt lost its lease will not be retried: it is failed instead of claimed again.
    await this.pool.query(
      `UPDATE jobs SET state = 'failed', last_error = $1, lock_token = NULL, locked_until = NULL,
                       finished_at = now(), updated_at = now()
       WHERE state = 'running' AND locked_until < now() AND attempts >= max_attempts`,
      [LEASE_LOST_ON_FINAL_ATTEMPT],
    );
    const res = await this.pool.query<ClaimedRow>(
      `WITH due AS (
         SELECT id FROM jobs
         WHERE name = ANY($1::text[])
           AND ((state = 'scheduled' AND run_at <= now()) OR (state = 'running' AND locked_until < now()))
         ORDER BY run_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE jobs j
          SET state = 'running', attempts = j.attempts + 1, lock_token = $3, locked_by = $4,
              locked_until = now() + $5::double precision * interval '1 millisecond', updated_at = now()
         FROM due
        WHERE j.id = due.id
       RETURNING j.id, j.name, j.payload, j.attempts, j.max_attempts, j.backoff_ms, j.lock_token`,
      [[...this.handlers.keys()], limit, randomUUID(), this.workerId, this.leaseMs],
    );
    return res.rows;
  }

  private async execute(row: ClaimedRow): Promise<void> {
    const heartbeat = setInterval(() => void this.extendLease(row), Math.max(10, Math.floor(this.leaseMs / 3)));
    let failure: unknown = undefined;
    let failed = false;
    try {
      await this.handlers.get(row.name)!({ id: row.id, name: row.name, payload: row.payload, attempt: row.attempts });
    } catch (err) {
      failed = true;
      failure = err;
    } finally {
      clearInterval(heartbeat);
    }
    try {
      if (failed) await this.recordFailure(row, failure);
      else await this.recordSuccess(row);
    } catch (err) {
      // The lease then expires and another worker runs the job again: handlers are idempotent.
      this.logger.error({ err, jobId: row.id }, 'could not record job outcome');
    }
  }

  private async recordSuccess(row: ClaimedRow): Promise<void> {
    const res = await this.pool.query(
      `UPDATE jobs SET state = 'done', lock_token = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
       WHERE id = $1 AND lock_token = $2 AND state = 'running'`,
      [row.id, row.lock_token],
    );
    if (res.rowCount !== 1) this.logger.warn({ jobId: row.id }, 'job finished after its lease was taken over');
  }

  private async recordFailure(row: ClaimedRow, err: unknown): Promise<void> {
    const message = errorMessage(err);
    const last = row.attempts >= row.max_attempts;
    this.logger.warn({ jobId: row.id, attempt: row.attempts, err: message }, last ? 'job failed for good' : 'job attempt failed');
    const res = await this.pool.query(
      `UPDATE jobs SET state = $3::text, last_error = $4,
                       run_at = CASE WHEN $3 = 'scheduled' THEN now() + $5::double precision * interval '1 millisecond' ELSE run_at END,
                       finished_at = CASE WHEN $3 = 'failed' THEN now() END,
                       lock_token = NULL, locked_until = NULL, updated_at = now()
       WHERE id = $1 AND lock_token = $2 AND state = 'running'`,
      [row.id, row.lock_token, last ? 'failed' : 'scheduled', message, retryDelayMs(row.backoff_ms, row.attempts)],
    );
    if (res.rowCount !== 1) this.logger.warn({ jobId: row.id }, 'job failed after its lease was taken over');
  }

  private async extendLease(row: ClaimedRow): Promise<void> {
    try {
      const res = await this.pool.query(
        `UPDATE jobs SET locked_until = now() + $3::double precision * interval '1 millisecond'
         WHERE id = $1 AND lock_token = $2 AND state = 'running'`,
        [row.id, row.lock_token, this.leaseMs],
      );
      if (res.rowCount !== 1) this.logger.warn({ jobId: row.id }, 'job lease lost while its handler runs');
    } catch (err) {
      this.logger.error({ err, jobId: row.id }, 'job lease renewal failed');
    }
  }

  private track(run: Promise<void>): void {
    this.active.add(run);
    void run.finally(() => {
      this.active.delete(run);
      this.wake?.(); // a slot is free
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
