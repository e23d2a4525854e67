/**
 * The behaviour every JobScheduler adapter owes its callers, as one Jest suite run against each
 * adapter on its real storage (PostgreSQL, Redis). Test-only: not exported from the package index.
 */
import { sleep, waitFor } from '@lw/testing';
import { deadlineJobId } from './job-id';
import type { JobContext, JobScheduler } from './jobs.port';

/** Storage for one test; every scheduler it makes shares it, as replicas or a restarted process would. */
export interface ContractStorage {
  newScheduler(): JobScheduler;
  dispose(): Promise<void>;
}

const inMs = (ms: number) => new Date(Date.now() + ms);

export function jobSchedulerContract(label: string, makeStorage: () => Promise<ContractStorage>): void {
  describe(`JobScheduler contract: ${label}`, () => {
    let storage: ContractStorage;
    let schedulers: JobScheduler[];
    let seq = 0;

    const scheduler = () => {
      const s = storage.newScheduler();
      schedulers.push(s);
      return s;
    };
    const newId = () => deadlineJobId('tip', ++seq, 'acceptance-overdue');

    beforeEach(async () => {
      storage = await makeStorage();
      schedulers = [];
    });

    afterEach(async () => {
      await Promise.all(schedulers.map((s) => s.stop()));
      await storage.dispose();
    });

    it('runs a job scheduled before a restart on a new instance over the same storage', async () => {
      const id = newId();
      const first = scheduler();
      const firstRuns: string[] = [];
      first.register('remind', async (job) => void firstRuns.push(job.id));
      await first.start();
      expect(await first.schedule({ id, name: 'remind', runAt: inMs(400), payload: { tipId: 1 } })).toBe('scheduled');
      await first.stop();

      const second = scheduler();
      const runs: JobContext[] = [];
      second.register('remind', async (job) => void runs.push(job));
      await second.start();
      await waitFor(() => runs.length === 1, 5000, 'the job after restart');
      expect(firstRuns).toEqual([]);
      expect(runs[0]).toEqual({ id, name: 'remind', payload: { tipId: 1 }, attempt: 1 });
      await waitFor(async () => (await second.status(id))?.state === 'done', 5000, 'done');
    });

    it('keeps one job per id: a second schedule answers exists and changes nothing', async () => {
      const id = newId();
      const s = scheduler();
      const payloads: unknown[] = [];
      s.register('remind', async (job) => void payloads.push(job.payload));
      const runAt = inMs(200);
      expect(await s.schedule({ id, name: 'remind', runAt, payload: 'first' })).toBe('scheduled');
      expect(await s.schedule({ id, name: 'remind', runAt: inMs(50), payload: 'second' })).toBe('exists');
      expect((await s.status(id))?.runAt.getTime()).toBe(runAt.getTime());
      await s.start();
      await waitFor(async () => (await s.status(id))?.state === 'done', 5000, 'done');
      // After it ran, the id is still taken: a replayed event cannot trigger the reminder again.
      expect(await s.schedule({ id, name: 'remind', runAt: new Date(), payload: 'third' })).toBe('exists');
      await sleep(400);
      expect(payloads).toEqual(['first']);
    });

    it('answers scheduled to exactly one of many concurrent schedules of the same id', async () => {
      const id = newId();
      const a = scheduler();
      const b = scheduler();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).schedule({ id, name: 'remind', runAt: inMs(60_000), payload: i })),
      );
      expect(results.filter((r) => r === 'scheduled')).toHaveLength(1);
      expect(results.filter((r) => r === 'exists')).toHaveLength(7);
    });

    it('does not run a job before it is due', async () => {
      const id = newId();
      const s = scheduler();
      let ranAt = 0;
      s.register('remind', async () => void (ranAt = Date.now()));
      await s.start();
      const runAt = inMs(700);
      await s.schedule({ id, name: 'remind', runAt, payload: null });
      await sleep(300);
      expect(ranAt).toBe(0);
      expect(await s.status(id)).toEqual({ state: 'scheduled', attempts: 0, runAt });
      await waitFor(() => ranAt > 0, 5000, 'the due job');
      expect(ranAt).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it('retries a failing handler with growing backoff and records the attempts', async () => {
      const id = newId();
      const s = scheduler();
      const calls: Array<{ attempt: number; at: number }> = [];
      s.register('chase', async (job) => {
        calls.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`transient ${job.attempt}`);
      });
      await s.start();
      await s.schedule({ id, name: 'chase', runAt: new Date(), payload: null, maxAttempts: 5, backoffMs: 100 });
      await waitFor(async () => (await s.status(id))?.state === 'done', 10_000, 'done after retries');
      expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
      // backoff 100 ms then 200 ms: a fixed delay or an immediate retry would fail the second bound
      const gap1 = calls[1].at - calls[0].at;
      const gap2 = calls[2].at - calls[1].at;
      expect(gap1).toBeGreaterThanOrEqual(90);
      expect(gap2).toBeGreaterThanOrEqual(180);
      expect((await s.status(id))?.attempts).toBe(3);
    });

    it('shows a job waiting for its retry as scheduled with the last error', async () => {
      const id = newId();
      const s = scheduler();
      s.register('chase', async () => {
        throw new Error('短信网关不可用');
      });
      await s.start();
      await s.schedule({ id, name: 'chase', runAt: new Date(), payload: null, maxAttempts: 3, backoffMs: 60_000 });
      await waitFor(async () => (await s.status(id))?.attempts === 1 && (await s.status(id))?.state === 'scheduled', 5000, 'retry wait');
      const st = await s.status(id);
      expect(st?.lastError).toBe('短信网关不可用');
      expect(st!.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    });

    it('marks a job failed with its error once the attempts are exhausted', async () => {
      const id = newId();
      const s = scheduler();
      let calls = 0;
      s.register('chase', async (job) => {
        calls++;
        throw new Error(`boom ${job.attempt}`);
      });
      await s.start();
      await s.schedule({ id, name: 'chase', runAt: new Date(), payload: null, maxAttempts: 2, backoffMs: 50 });
      await waitFor(async () => (await s.status(id))?.state === 'failed', 5000, 'failed');
      await sleep(300);
      expect(calls).toBe(2);
      expect(await s.status(id)).toMatchObject({ state: 'failed', attempts: 2, lastError: 'boom 2' });
    });

    it('cancels a pending job: it never runs and its id stays taken', async () => {
      const id = newId();
      const s = scheduler();
      let calls = 0;
      s.register('remind', async () => void calls++);
      const runAt = inMs(300);
      await s.schedule({ id, name: 'remind', runAt, payload: null });
      expect(await s.cancel(id)).toBe(true);
      await s.start();
      await sleep(700);
      expect(calls).toBe(0);
      expect(await s.status(id)).toMatchObject({ state: 'cancelled', attempts: 0 });
      expect(await s.cancel(id)).toBe(false);
      expect(await s.reschedule(id, new Date())).toBe(false);
      expect(await s.schedule({ id, name: 'remind', runAt: new Date(), payload: null })).toBe('exists');
      await sleep(300);
      expect(calls).toBe(0);
    });

    it('reschedules a pending job earlier or later, but not a finished one', async () => {
      const s = scheduler();
      const ranAt = new Map<string, number>();
      s.register('remind', async (job) => void ranAt.set(job.id, Date.now()));
      await s.start();
      const early = newId();
      const late = newId();
      await s.schedule({ id: early, name: 'remind', runAt: inMs(60_000), payload: null });
      await s.schedule({ id: late, name: 'remind', runAt: inMs(100), payload: null });
      expect(await s.reschedule(early, inMs(50))).toBe(true);
      const lateRunAt = inMs(800);
      expect(await s.reschedule(late, lateRunAt)).toBe(true);
      await waitFor(() => ranAt.has(early), 5000, 'the job moved earlier');
      await waitFor(() => ranAt.has(late), 5000, 'the job moved later');
      expect(ranAt.get(late)!).toBeGreaterThanOrEqual(lateRunAt.getTime());
      await waitFor(async () => (await s.status(early))?.state === 'done', 5000, 'done');
      expect(await s.reschedule(early, inMs(1000))).toBe(false);
      expect(await s.cancel(early)).toBe(false);
    });

    it('runs each due job exactly once when two instances work the same storage', async () => {
      const a = scheduler();
      const b = scheduler();
      const runs = new Map<string, string[]>();
      const handler = (who: string) => async (job: JobContext) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), who]);
        await sleep(20);
      };
      a.register('remind', handler('a'));
      b.register('remind', handler('b'));
      const ids = Array.from({ length: 24 }, newId);
      await Promise.all(ids.map((id) => a.schedule({ id, name: 'remind', runAt: new Date(), payload: null })));
      await Promise.all([a.start(), b.start()]);
      await waitFor(() => ids.every((id) => runs.has(id)), 10_000, 'every job');
      await sleep(300);
      for (const id of ids) expect(runs.get(id)).toHaveLength(1);
    });

    it('stops gracefully: a running handler finishes and its outcome is recorded', async () => {
      const id = newId();
      const s = scheduler();
      let started = false;
      let finished = false;
      s.register('remind', async () => {
        started = true;
        await sleep(400);
        finished = true;
      });
      await s.start();
      await s.schedule({ id, name: 'remind', runAt: new Date(), payload: null });
      await waitFor(() => started, 5000, 'the handler to start');
      expect((await s.status(id))?.state).toBe('running');
      await s.stop();
      expect(finished).toBe(true);
      const probe = scheduler(); // the stopped instance may have released its connections
      expect(await probe.status(id)).toMatchObject({ state: 'done', attempts: 1 });
    });

    it('answers null and false for an unknown id, and rejects an invalid spec', async () => {
      const s = scheduler();
      expect(await s.status('no:such:job')).toBeNull();
      expect(await s.cancel('no:such:job')).toBe(false);
      expect(await s.reschedule('no:such:job', new Date())).toBe(false);
      await expect(s.schedule({ id: newId(), name: 'remind', runAt: new Date('x'), payload: null })).rejects.toThrow(/runAt/);
      await expect(s.schedule({ id: newId(), name: 'remind', runAt: new Date(), payload: null, maxAttempts: 0 })).rejects.toThrow(
        /maxAttempts/,
      );
    });
  });
}
