import { randomBytes } from 'crypto';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { sleep, waitFor } from '@lw/testing';
import { jobSchedulerContract } from '../jobs.contract';
import type { JobLogger } from '../job-logger';
import { BullMqJobScheduler, BullMqJobSchedulerOptions } from './bullmq-job-scheduler';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = 'lwtest';
const quiet: JobLogger = { warn: () => undefined, error: () => undefined };

let redis: Redis;
beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  await redis.quit();
});

/** Deletes every key of a queue, our tombstones included (obliterate leaves keys it does not know). */
async function deleteQueueKeys(queueName: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:${queueName}:*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function freshQueue() {
  const queueName = `jobs-${process.pid}-${randomBytes(4).toString('hex')}`;
  const options = (o: Partial<BullMqJobSchedulerOptions> = {}): BullMqJobSchedulerOptions => ({
    queueName,
    prefix: PREFIX,
    redisUrl: REDIS_URL,
    logger: quiet,
    ...o,
  });
  return { queueName, options };
}

jobSchedulerContract('BullMqJobScheduler', async () => {
  const q = freshQueue();
  return {
    newScheduler: () => new BullMqJobScheduler(q.options()),
    dispose: () => deleteQueueKeys(q.queueName),
  };
});

describe('BullMqJobScheduler on Redis', () => {
  let q: ReturnType<typeof freshQueue>;
  let made: BullMqJobScheduler[];
  const make = (o: Partial<BullMqJobSchedulerOptions> = {}) => {
    const s = new BullMqJobScheduler(q.options(o));
    made.push(s);
    return s;
  };

  beforeEach(() => {
    q = freshQueue();
    made = [];
  });
  afterEach(async () => {
    await Promise.all(made.map((s) => s.stop()));
    await deleteQueueKeys(q.queueName);
  });

  it('runs again the job of a worker that died, after its lock expired', async () => {
    // Not in `made`: its handler never settles, so a graceful stop would wait for ever.
    const dying = new BullMqJobScheduler(q.options({ lockDurationMs: 400, stalledIntervalMs: 200 }));
    let firstStarted = false;
    dying.register('remind', () => {
      firstStarted = true;
      return new Promise<void>(() => undefined); // never finishes: the process "dies" mid-handler
    });
    await dying.start();
    await dying.schedule({ id: 'tip:9:overdue', name: 'remind', runAt: new Date(), payload: null });
    await waitFor(() => firstStarted, 5000, 'the first attempt');
    // The process "dies": its worker stops renewing the lock without finishing the job.
    const internals = dying as unknown as { worker: Worker; queue: Queue; redis: Redis };
    await internals.worker.close(true);
    await internals.queue.close();
    internals.redis.disconnect();

    const survivor = make({ lockDurationMs: 400, stalledIntervalMs: 200 });
    const attempts: number[] = [];
    survivor.register('remind', async (job) => void attempts.push(job.attempt));
    await survivor.start();
    await waitFor(() => attempts.length === 1, 10_000, 'the takeover');
    expect(attempts).toEqual([2]);
    await waitFor(async () => (await survivor.status('tip:9:overdue'))?.state === 'done', 5000, 'done');
  });

  it('lets finished jobs leave Redis once older than the retention age, so Redis does not grow for ever', async () => {
    const s = make({ retainFinished: { age: 1 } });
    const seen: string[] = [];
    s.register('remind', async (job) => void seen.push(job.id));
    await s.start();
    await s.schedule({ id: 'tip:1:remind', name: 'remind', runAt: new Date(), payload: null });
    await waitFor(() => seen.length === 1, 5000, 'the first job');
    await waitFor(async () => (await s.status('tip:1:remind'))?.state === 'done', 5000, 'done');
    await sleep(2100);
    // BullMQ trims finished jobs older than the age when the next one finishes.
    await s.schedule({ id: 'tip:2:remind', name: 'remind', runAt: new Date(), payload: null });
    await waitFor(() => seen.length === 2, 5000, 'the second job');
    await waitFor(async () => (await s.status('tip:1:remind')) === null, 5000, 'the first job evicted');
  });

  it('keeps ids that BullMQ would refuse as such (integers, colons, percent signs)', async () => {
    const s = make();
    const seen: string[] = [];
    s.register('remind', async (job) => void seen.push(job.id));
    await s.start();
    const ids = ['123', 'a:b:c', 'a:b', '100%:x'];
    for (const id of ids) expect(await s.schedule({ id, name: 'remind', runAt: new Date(), payload: null })).toBe('scheduled');
    await waitFor(() => seen.length === ids.length, 5000, 'all jobs');
    expect(seen.sort()).toEqual([...ids].sort());
    await sleep(100);
    for (const id of ids) expect((await s.status(id))?.state).toBe('done');
  });
});
