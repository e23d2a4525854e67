import type { Pool } from 'pg';
import { LeaderLease } from '@lw/db';
import { WakeSignal } from './wake-signal';

export interface LoopStep {
  delayMs: number;
  /** False for backoff after a failure: a notification must not cut it short. */
  wakeable: boolean;
}

export interface LeasedLoopOptions {
  pool: Pool;
  /** Lease name, e.g. "outbox-relay:default"; the schema is prepended (services may share a database). */
  key: string;
  /** With false the loop runs on every instance (the work itself must then tolerate that). */
  leader: boolean;
  leaseRetryMs: number;
  /** A failing step is retried after an exponential backoff from retryBaseMs up to maxRetryMs. */
  retryBaseMs: number;
  maxRetryMs: number;
  onError: (err: Error) => void;
  step: () => Promise<LoopStep>;
  onActivate?: () => Promise<void>;
  onDeactivate?: () => Promise<void>;
}

/** A polling loop that runs only while this instance holds the lease for its key. */
export class LeasedLoop {
  readonly signal = new WakeSignal();
  private lease: LeaderLease | null = null;
  private active = false;
  private running: Promise<void> = Promise.resolve();
  private started = false;

  constructor(private readonly opts: LeasedLoopOptions) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (!this.opts.leader) return this.activate();
    const { rows } = await this.opts.pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    this.lease = new LeaderLease(this.opts.pool, `${rows[0].schema}:${this.opts.key}`, {
      retryMs: this.opts.leaseRetryMs,
      onError: this.opts.onError,
    });
    await this.lease.start(this.activate, this.deactivate);
  }

  /** Stops the work first, then gives up the lease, so a successor never overlaps with us. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.lease) await this.lease.stop();
    else await this.deactivate();
    this.lease = null;
  }

  isLeader(): boolean {
    return this.lease ? this.lease.isLeader() : this.active;
  }

  private readonly activate = async (): Promise<void> => {
    this.active = true;
    if (this.opts.onActivate) await this.opts.onActivate().catch(this.opts.onError);
    this.running = this.run();
  };

  private readonly deactivate = async (): Promise<void> => {
    if (!this.active) return;
    this.active = false;
    this.signal.interrupt();
    await this.running;
    if (this.opts.onDeactivate) await this.opts.onDeactivate().catch(this.opts.onError);
  };

  private async run(): Promise<void> {
    let failures = 0;
    while (this.active) {
      let next: LoopStep;
      try {
        next = await this.opts.step();
        failures = 0;
      } catch (err) {
        failures++;
        this.opts.onError(err as Error);
        // A notification must not cut the backoff short.
        next = { delayMs: backoffMs(failures, this.opts.retryBaseMs, this.opts.maxRetryMs), wakeable: false };
      }
      if (!this.active) break;
      if (next.delayMs > 0) await this.signal.wait(next.delayMs, next.wakeable);
    }
  }
}

/** Exponential backoff with full jitter, capped. */
export function backoffMs(failures: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
