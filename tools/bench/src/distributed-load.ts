// The load of the distributed benchmark: public tips whose conclusion opens a grievance case,
// timed from submission to the case in grievance's ledger. Shared by embedded and distributed runs.
import type { TipFlow } from '@lw/scenario';
import { sleep } from '@lw/testing';

export interface PathTimes {
  /** Whole path: scheduled submission → case returned by the ledger. */
  whole: number[];
  /** Cross-service segment: conclusion answered → case returned by the ledger. */
  crossService: number[];
}

interface Pending {
  start: number;
  concluded?: number;
}

/**
 * Watches the ledger's newest cases (`limit` per poll) and records when each tip's case first
 * appears. A poll costs grievance a query: 100 ms apart is the resolution of every latency here.
 */
class LedgerWatch {
  private readonly pending = new Map<string, Pending>();
  readonly times: PathTimes = { whole: [], crossService: [] };
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(private readonly flow: TipFlow, private readonly limit: number) {
    this.loop = this.run();
  }

  expect(tipId: string, p: Pending): void {
    this.pending.set(tipId, p);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    const seen = new Set<string>();
    while (!this.stopped) {
      // A projection batch may add more cases than a page at once: page on while a page is all new.
      for (let offset = 0; ; offset += this.limit) {
        const refs = await this.flow.visibleCases(this.limit, offset).catch(() => [] as string[]);
        const now = performance.now();
        let fresh = 0;
        for (const ref of refs) {
          if (seen.has(ref)) continue;
          const p = this.pending.get(ref);
          if (!p || p.concluded === undefined) continue; // seen again on the next poll, once concluded
          fresh++;
          seen.add(ref);
          this.pending.delete(ref);
          this.times.whole.push(now - p.start);
          this.times.crossService.push(now - p.concluded);
        }
        if (refs.length < this.limit || fresh < refs.length) break;
      }
      await sleep(100);
    }
  }
}

async function drain(watch: LedgerWatch, deadlineMs: number): Promise<void> {
  const until = performance.now() + deadlineMs;
  while (watch.outstanding > 0) {
    if (performance.now() > until) throw new Error(`${watch.outstanding} cases never reached the ledger`);
    await sleep(100);
  }
}

/**
 * Open loop: tip i is submitted at t0 + i/rate whatever happened to the earlier ones (no
 * coordinated omission: a slow answer does not slow the offered load), then accepted, assigned and
 * concluded as soon as its answer comes. Latencies count from the scheduled time.
 */
export async function openLoop(flow: TipFlow, firstTip: number, ratePerSecond: number, seconds: number): Promise<PathTimes> {
  const watch = new LedgerWatch(flow, 200);
  const n = Math.round(ratePerSecond * seconds);
  const t0 = performance.now() + 50;
  const runs: Promise<void>[] = [];
  const failures: Error[] = [];
  for (let i = 0; i < n; i++) {
    const start = t0 + (i * 1000) / ratePerSecond;
    await sleep(Math.max(0, start - performance.now()));
    runs.push(
      (async () => {
        const tipId = await flow.submit(firstTip + i);
        const p: Pending = { start };
        watch.expect(tipId, p);
        await flow.conclude(tipId);
        p.concluded = performance.now();
      })().catch((err: Error) => void failures.push(err)),
    );
  }
  await Promise.all(runs);
  try {
    if (failures.length) throw new Error(`${failures.length} of ${n} tips failed: ${failures[0].message}`);
    await drain(watch, 120_000);
  } finally {
    await watch.stop();
  }
  return watch.times;
}

/**
 * Closed loop: `concurrency` citizens-and-clerks, each taking the next tip through the path as soon
 * as the previous one is concluded, for `seconds`; throughput = tips whose case reached the ledger,
 * divided by the time from the first submission to the last case seen.
 */
export async function sustained(flow: TipFlow, firstTip: number, concurrency: number, seconds: number): Promise<{ tipsPerSecond: number; tips: number }> {
  const watch = new LedgerWatch(flow, 200);
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  let next = firstTip;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const tipId = await flow.submit(next++);
      const p: Pending = { start: performance.now() };
      watch.expect(tipId, p);
      await flow.conclude(tipId);
      p.concluded = performance.now();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    await drain(watch, 120_000);
  } finally {
    await watch.stop();
  }
  const tips = watch.times.whole.length;
  return { tips, tipsPerSecond: tips / ((performance.now() - t0) / 1000) };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
