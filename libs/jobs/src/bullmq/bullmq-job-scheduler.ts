import { randomUUID } from 'crypto';
import { Job, JobState as BullState, KeepJobs, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { normalizeJobSpec } from '../job-spec';
import { defaultJobLogger, JobLogger } from '../job-logger';
import type { JobHandler, JobScheduler, JobSpec, JobTransaction, JobState, JobStatus } from '../jobs.port';
import { fromBullJobId, toBullJobId } from './bull-job-id';

export interface BullMqJobSchedulerOptions {
  /** One queue per service, e.g. "tipline". No ':' allowed. */
  queueName: string;
  /** Default: REDIS_URL, else redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** BullMQ key prefix; default "lw". */
  prefix?: string;
  /** Handlers run at once by this instance; default 4. */
  concurrency?: number;
  /**
   * How long finished jobs are kept. Idempotence holds only while they are: an id whose finished
   * job was evicted can be scheduled again. Default: kept for ever (BullMQ's own default).
   */
  retainFinished?: KeepJobs;
  /** BullMQ's lock: a job whose worker died is run again after it (stalled-job check). Default 30 s. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  logger?: JobLogger;
}

/** What we store as the BullMQ job's data. */
interface StoredJob {
  payload: unknown;
  /** The time last asked for (ms), shown by status() once the job left the delayed set. */
  runAt: number;
  /** Tells our add apart from an earlier one with the same id: BullMQ answers both with the id. */
  nonce: string;
}

interface Tombstone {
  runAt: number;
  attempts: number;
}

const PENDING: ReadonlySet<BullState | 'unknown'> = new Set(['delayed', 'waiting', 'prioritized', 'waiting-children']);
const STATES: Partial<Record<BullState | 'unknown', JobState>> = {
  delayed: 'scheduled',
  waiting: 'scheduled',
  prioritized: 'scheduled',
  'waiting-children': 'scheduled',
  active: 'running',
  completed: 'done',
  failed: 'failed',
};

/**
 * Distributed-mode scheduler: one BullMQ queue per service on Redis; delayed jobs with jobId = id
 * (BullMQ ignores an add whose id exists), BullMQ's attempts and exponential backoff, and a Worker
 * started by start(). BullMQ deletes a cancelled job, so cancellations are remembered in a hash
 * (tombstones) that keeps the id taken, as in the PostgreSQL adapter.
 *
 * stop() closes the worker, the queue and the Redis connection: a stopped instance is not reused.
 */
export class BullMqJobScheduler implements JobScheduler {
  private readonly redis: Redis;
  private readonly queue: Queue<StoredJob>;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly tombstones: string;
  private worker?: Worker<StoredJob>;
  private stopped = false;
  private readonly logger: JobLogger;

  constructor(private readonly options: BullMqJobSchedulerOptions) {
    this.logger = options.logger ?? defaultJobLogger;
    // BullMQ requires maxRetriesPerRequest: null on connections its worker blocks on.
    this.redis = new Redis(options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: null,
    });
    this.redis.on('error', (err) => this.logger.error({ err }, 'redis connection error'));
    this.queue = new Queue<StoredJob>(options.queueName, { connection: this.redis, prefix: options.prefix ?? 'lw' });
    this.queue.on('error', (err) => this.logger.error({ err }, 'job queue error'));
    this.tombstones = this.queue.toKey('lw-cancelled');
  }

  /** `tx` is another system's transaction: Redis cannot join it, so the job is scheduled at once (see the port). */
  async schedule(spec: JobSpec, _tx?: JobTransaction): Promise<'scheduled' | 'exists'> {
    const s = normalizeJobSpec(spec);
    const bullId = toBullJobId(s.id);
    if (await this.redis.hexists(this.tombstones, s.id)) return 'exists';
    const nonce = randomUUID();
    const keep = this.options.retainFinished ?? false;
    await this.queue.add(
      s.name,
      { payload: s.payload ?? null, runAt: s.runAt.getTime(), nonce },
      {
        jobId: bullId,
        delay: Math.max(0, s.runAt.getTime() - Date.now()),
        attempts: s.maxAttempts,
        backoff: { type: 'exponential', delay: s.backoffMs },
        removeOnComplete: keep,
        removeOnFail: keep,
      },
    );
    const stored = await this.queue.getJob(bullId);
    return stored && stored.data.nonce !== nonce ? 'exists' : 'scheduled';
  }

  async reschedule(id: string, runAt: Date): Promise<boolean> {
    const bullId = toBullJobId(id);
    const job = await this.queue.getJob(bullId);
    if (!job) return false;
    const state = await job.getState();
    const delay = Math.max(0, runAt.getTime() - Date.now());
    if (state === 'delayed') {
      try {
        await job.changeDelay(delay); // atomic: fails if the job left the delayed set meanwhile
      } catch {
        return false;
      }
      await job.updateData({ ...job.data, runAt: runAt.getTime() });
      return true;
    }
    if (state === 'waiting' || state === 'prioritized') {
      // Due but not yet taken: BullMQ cannot delay it in place, so it is replaced (remove fails if a worker took it).
      if ((await this.queue.remove(bullId)) !== 1) return false;
      await this.queue.add(job.name, { ...job.data, runAt: runAt.getTime() }, { ...job.opts, jobId: bullId, delay });
      return true;
    }
    return false;
  }

  async cancel(id: string): Promise<boolean> {
    const bullId = toBullJobId(id);
    const job = await this.queue.getJob(bullId);
    if (!job || !PENDING.has(await job.getState())) return false;
    // Tombstone first, so a schedule() of this id racing the removal already finds the id taken.
    const tomb: Tombstone = { runAt: job.data.runAt, attempts: job.attemptsStarted ?? 0 };
    await this.redis.hset(this.tombstones, id, JSON.stringify(tomb));
    if ((await this.queue.remove(bullId)) !== 1) {
      await this.redis.hdel(this.tombstones, id); // a worker took it first
      return false;
    }
    return true;
  }

  register<P = any>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job ${name} is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  async start(): Promise<void> {
    if (this.worker) return;
    if (this.stopped) throw new Error('a stopped BullMqJobScheduler cannot be started again');
    this.worker = new Worker<StoredJob>(this.options.queueName, (job) => this.process(job), {
      connection: this.redis,
      prefix: this.options.prefix ?? 'lw',
      concurrency: this.options.concurrency ?? 4,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      ...(this.options.stalledIntervalMs ? { stalledInterval: this.options.stalledIntervalMs } : {}),
    });
    this.worker.on('error', (err) => this.logger.error({ err }, 'job worker error'));
    this.worker.on('failed', (job, err) =>
      this.logger.warn({ jobId: job?.id, attempt: job?.attemptsStarted, err: err.message }, 'job attempt failed'),
    );
    await this.worker.waitUntilReady();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker?.close(); // waits for running handlers
    await this.queue.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async status(id: string): Promise<JobStatus | null> {
    const bullId = toBullJobId(id);
    const job = await this.queue.getJob(bullId);
    const state = job ? await job.getState() : 'unknown';
    const mapped = STATES[state];
    if (!job || !mapped) {
      const tomb = await this.redis.hget(this.tombstones, id);
      if (!tomb) return null;
      const t = JSON.parse(tomb) as Tombstone;
      return { state: 'cancelled', attempts: t.attempts, runAt: new Date(t.runAt) };
    }
    // Before its first attempt a job is due at the requested time kept in its data (BullMQ's delayed score is
    // its own clock plus the delay, a millisecond off what was asked); a job waiting for a retry is due at
    // the backoff time, which only the delayed score holds.
    const retrying = state === 'delayed' && (job.attemptsMade ?? 0) > 0;
    const due = retrying ? await this.delayedUntil(bullId) : undefined;
    return {
      state: mapped,
      attempts: job.attemptsStarted ?? 0,
      runAt: new Date(due ?? job.data.runAt),
      ...(job.failedReason ? { lastError: job.failedReason } : {}),
    };
  }

  private async process(job: Job<StoredJob>): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler registered for job ${job.name}`);
    // attemptsStarted counts this start too, like the PostgreSQL adapter's attempts column.
    await handler({ id: fromBullJobId(job.id!), name: job.name, payload: job.data.payload, attempt: job.attemptsStarted });
  }

  /** A delayed job's due time, from its score in the delayed set (timestamp * 4096 + sequence). */
  private async delayedUntil(bullId: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.queue.toKey('delayed'), bullId);
    return score === null ? undefined : Math.floor(Number(score) / 0x1000);
  }
}
