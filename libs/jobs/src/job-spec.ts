import { DEFAULT_BACKOFF_MS, DEFAULT_MAX_ATTEMPTS, JobSpec } from './jobs.port';

export interface NormalizedJobSpec<P = unknown> extends JobSpec<P> {
  maxAttempts: number;
  backoffMs: number;
}

/** Fills the defaults and rejects specs an adapter could only store wrongly. */
export function normalizeJobSpec<P>(spec: JobSpec<P>): NormalizedJobSpec<P> {
  const maxAttempts = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffMs = spec.backoffMs ?? DEFAULT_BACKOFF_MS;
  if (!spec.id) throw new Error('job id is required');
  if (!spec.name) throw new Error('job name is required');
  if (!(spec.runAt instanceof Date) || Number.isNaN(spec.runAt.getTime())) throw new Error(`job ${spec.id}: invalid runAt`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`job ${spec.id}: maxAttempts must be a positive integer`);
  if (!Number.isInteger(backoffMs) || backoffMs < 0) throw new Error(`job ${spec.id}: backoffMs must be a non-negative integer`);
  return { ...spec, maxAttempts, backoffMs };
}

/** Delay before the retry that follows failed attempt `attempt` (1-based); the same curve BullMQ's 'exponential' uses. */
export function retryDelayMs(backoffMs: number, attempt: number): number {
  return Math.round(backoffMs * 2 ** (attempt - 1));
}
