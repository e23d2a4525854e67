import type { Pool, PoolClient } from 'pg';
import type { IntegrationEvent } from '@lw/domain';
import { LeasedLoop, LoopStep } from './leased-loop';

export interface OutboxRelayOptions {
  pool: Pool;
  /** Resolves once the transport durably accepted the events; a rejection leaves them unsent. */
  publish: (events: IntegrationEvent[]) => Promise<void>;
  /** Lease name: one active relay per name (per schema). */
  name?: string;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (missed while reconnecting, or sent from elsewhere). */
  pollIntervalMs?: number;
  leaseRetryMs?: number;
  retryBaseMs?: number;
  maxRetryMs?: number;
  onError?: (err: Error) => void;
}

interface OutboxRow {
  id: string;
  envelope: IntegrationEvent;
}

/**
 * The only publisher of integration events. Reads unsent outbox rows in id order, publishes them
 * and marks them sent only after publish resolved: a crash in between republishes the same
 * envelopes (at-least-once; consumers de-duplicate by envelope id in their inbox). Exactly one
 * relay per name is active across replicas (LeaderLease), woken by NOTIFY outbox from append.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly onError: (err: Error) => void;
  private readonly loop: LeasedLoop;
  private listener: PoolClient | null = null;
  private unlistenCurrent: (() => Promise<void>) | null = null;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.batchSize = opts.batchSize ?? 200;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.onError = opts.onError ?? ((err) => console.error(`outbox relay ${opts.name ?? 'default'}: ${err.message}`));
    this.loop = new LeasedLoop({
      pool: opts.pool,
      key: `outbox-relay:${opts.name ?? 'default'}`,
      leader: true,
      leaseRetryMs: opts.leaseRetryMs ?? 1000,
      retryBaseMs: opts.retryBaseMs ?? 200,
      maxRetryMs: opts.maxRetryMs ?? 30_000,
      onError: this.onError,
      step: () => this.step(),
      onActivate: () => this.listen(),
      onDeactivate: () => this.unlisten(),
    });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  isLeader(): boolean {
    return this.loop.isLeader();
  }

  /** Publishes one batch of unsent rows; returns how many. Rethrows a publish failure after recording it. */
  async drainOnce(): Promise<number> {
    const { rows } = await this.opts.pool.query<OutboxRow>(
      'SELECT id::text AS id, envelope FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1',
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    try {
      await this.opts.publish(rows.map((r) => r.envelope));
    } catch (err) {
      await this.opts.pool.query(
        'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])',
        [ids, String((err as Error)?.message ?? err).slice(0, 2000)],
      );
      throw err;
    }
    await this.opts.pool.query(
      'UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
      [ids],
    );
    return rows.length;
  }

  /** One batch; a failure is counted and backed off by the loop. */
  private async step(): Promise<LoopStep> {
    if (!this.listener) await this.listen();
    const n = await this.drainOnce();
    return { delayMs: n >= this.batchSize ? 0 : this.pollIntervalMs, wakeable: true };
  }

  private async listen(): Promise<void> {
    const client = await this.opts.pool.connect();
    let released = false;
    const destroy = () => {
      if (released) return;
      released = true;
      if (this.listener === client) this.listener = null;
      client.release(true);
    };
    client.on('notification', () => this.loop.signal.wake());
    // Polling carries on after a lost listener; step() listens again on a fresh connection.
    client.on('error', destroy);
    this.unlistenCurrent = async () => {
      await client.query('UNLISTEN outbox').catch(() => undefined);
      destroy();
    };
    try {
      await client.query('LISTEN outbox');
    } catch (err) {
      destroy();
      throw err;
    }
    if (!released) this.listener = client;
  }

  private async unlisten(): Promise<void> {
    const current = this.unlistenCurrent;
    this.unlistenCurrent = null;
    this.listener = null;
    if (current) await current();
  }
}
