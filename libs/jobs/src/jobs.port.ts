/**
 * Deadline / job port. Services schedule reminders, overdue flags and chasers through it and never
 * learn whether PostgreSQL (embedded mode) or BullMQ on Redis (distributed mode) runs them.
 *
 * Semantics shared by every adapter (the contract suite in jobs.contract.ts holds them to it):
 * - an id names one job for ever: scheduling an id that was ever scheduled answers 'exists' and
 *   changes nothing (runAt and payload included), whatever state the job is in, cancelled too.
 *   Moving a pending job is an explicit reschedule(id, runAt);
 * - a handler runs at least once per attempt; it must be idempotent, since a worker that dies
 *   mid-handler leaves the job to be run again by another worker;
 * - a failing handler is retried after backoffMs * 2^(attempt-1) until maxAttempts, then 'failed';
 * - the payload travels as JSON: Dates arrive as ISO strings.
 */
export interface JobSpec<P = unknown> {
  /** Caller-chosen, makes scheduling idempotent, e.g. deadlineJobId('tip', 123, 'acceptance-overdue'). */
  id: string;
  /** Name of the handler registered with register(). */
  name: string;
  runAt: Date;
  payload: P;
  /** Attempts in all, the first included; default 5. */
  maxAttempts?: number;
  /** Base of the exponential backoff between attempts; default 1000 ms. */
  backoffMs?: number;
}

export interface JobContext<P = unknown> {
  id: string;
  name: string;
  payload: P;
  /** 1-based. */
  attempt: number;
}

export type JobHandler<P = unknown> = (job: JobContext<P>) => Promise<void>;

export type JobState = 'scheduled' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  lastError?: string;
  /** When the job (or its next retry) is due; for finished jobs the last time it was due. */
  runAt: Date;
}

/** A caller's open database transaction (a projection's batch, a consumer's inbox). */
export interface JobTransaction {
  query(text: string, values?: unknown[]): Promise<{ rowCount: number | null }>;
}

export interface JobScheduler {
  /**
   * Same id twice ⇒ one job: the second call answers 'exists' and changes nothing. With `tx`, an
   * adapter on the caller's database schedules inside that transaction (a rollback schedules
   * nothing, and the caller waits for no second connection); one elsewhere (Redis) schedules at
   * once, which the idempotent id makes harmless when the caller's transaction is retried.
   */
  schedule(spec: JobSpec, tx?: JobTransaction): Promise<'scheduled' | 'exists'>;
  /** Moves a job that has not started (or waits for a retry) to runAt; false if it is running, finished, cancelled or unknown. */
  reschedule(id: string, runAt: Date): Promise<boolean>;
  /** Prevents a pending job from running; false if it is running, finished, already cancelled or unknown. */
  cancel(id: string): Promise<boolean>;
  register<P = any>(name: string, handler: JobHandler<P>): void;
  /** Begins processing due jobs. */
  start(): Promise<void>;
  /** Graceful: takes no new jobs, waits for running handlers, then releases its connections. */
  stop(): Promise<void>;
  status(id: string): Promise<JobStatus | null>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
