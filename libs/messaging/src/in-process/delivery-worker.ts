import type { Pool } from 'pg';
import { withTransaction } from '@lw/db';
import type { IntegrationEvent } from '@lw/domain';
import type { Subscription } from '../bus.port';
import { ContractCheck, decodeEnvelope, peekIdentity } from '../envelope-codec';
import { handleWithInbox } from '../inbox';
import type { BusLogger } from '../logger';
import type { InFlightCounter } from '../observability/in-flight';
import { isPoisonMessageError } from '../poison-error';
import { backoffMs, errorText, RetryPolicy } from '../retry-policy';
import { isTransientInfrastructureError } from '../transient-error';

export interface DeliveryWorkerConfig {
  busPool: Pool;
  subscription: Subscription;
  retry: RetryPolicy;
  contractCheck?: ContractCheck;
  pollIntervalMs: number;
  concurrency: number;
  log: BusLogger;
  /** Shared with the bus, for its in-flight reading. */
  inFlight?: InFlightCounter;
}

interface Head {
  id: string;
  raw: string;
  attempts: number;
  due: boolean;
  wait_ms: number;
}

/**
 * Delivers one consumer's queued events. Only the oldest row of each village (ordering key) is a
 * candidate, and it stays the head until it is handled or dead-lettered, so a village's events are
 * applied in publish order while a failing one waits out its backoff; other villages go on.
 * Single instance per consumer and process: embedded mode runs one process.
 */
export class DeliveryWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(private readonly config: DeliveryWorkerConfig) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** New rows were queued: look now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    const { log, subscription, pollIntervalMs } = this.config;
    while (this.running) {
      this.woken = false;
      let waitMs = pollIntervalMs;
      try {
        const heads = await this.heads();
        const due = heads.filter((h) => h.due);
        if (due.length > 0) {
          await this.deliverAll(due);
          continue;
        }
        for (const h of heads) waitMs = Math.min(waitMs, Math.max(1, h.wait_ms));
      } catch (err) {
        log.error({ consumer: subscription.consumer, err: errorText(err) }, 'in-process delivery loop failed; retrying');
      }
      await this.idle(waitMs);
    }
  }

  private async heads(): Promise<Head[]> {
    const { rows } = await this.config.busPool.query<Head>(
      `SELECT id, raw, attempts, next_attempt_at <= now() AS due,
              greatest(0, ceil(extract(epoch FROM next_attempt_at - now()) * 1000))::int AS wait_ms
         FROM (SELECT DISTINCT ON (ordering_key) id, raw, attempts, next_attempt_at
                 FROM bus_deliveries WHERE consumer = $1
                ORDER BY ordering_key, id) h
        ORDER BY id LIMIT 500`,
      [this.config.subscription.consumer],
    );
    return rows;
  }

  private async deliverAll(due: Head[]): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (this.running && next < due.length) {
        const head = due[next++];
        const { inFlight, subscription } = this.config;
        await (inFlight ? inFlight.around(subscription.consumer, () => this.deliver(head)) : this.deliver(head));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, due.length) }, lane));
  }

  private async deliver(head: Head): Promise<void> {
    const { busPool, subscription, retry, log } = this.config;
    let event: IntegrationEvent;
    try {
      event = decodeEnvelope(head.raw, this.config.contractCheck);
      if (!subscription.producers.includes(event.producer)) throw new Error(`not subscribed to producer ${event.producer}`);
    } catch (err) {
      await this.deadLetter(head, errorText(err), head.attempts);
      return;
    }
    try {
      await handleWithInbox(subscription.pool, subscription.consumer, event, subscription.handle);
    } catch (err) {
      if (isTransientInfrastructureError(err)) {
        // The consumer's database is down, not the message bad: try later without spending an attempt.
        await this.reschedule(head, head.attempts, backoffMs(retry, 1), errorText(err));
        return;
      }
      const attempts = head.attempts + 1;
      if (attempts >= retry.attempts || isPoisonMessageError(err)) {
        await this.deadLetter(head, errorText(err), attempts);
      } else {
        log.warn({ consumer: subscription.consumer, eventId: event.id, correlationId: event.correlationId, attempt: attempts, err: errorText(err) }, 'handler failed; retrying');
        await this.reschedule(head, attempts, backoffMs(retry, attempts), errorText(err));
      }
      return;
    }
    // Deleted after the inbox committed: a crash in between only causes a redelivery the inbox skips.
    await busPool.query('DELETE FROM bus_deliveries WHERE id = $1', [head.id]);
  }

  private async reschedule(head: Head, attempts: number, delayMs: number, error: string): Promise<void> {
    await this.config.busPool.query(
      `UPDATE bus_deliveries SET attempts = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4
        WHERE id = $1`,
      [head.id, attempts, delayMs, error],
    );
  }

  private async deadLetter(head: Head, error: string, attempts: number): Promise<void> {
    const { subscription, log } = this.config;
    const { id, type } = peekIdentity(head.raw);
    log.error({ consumer: subscription.consumer, eventId: id, attempts, err: error }, 'message dead-lettered');
    await withTransaction(this.config.busPool, async (tx) => {
      await tx.query(
        `INSERT INTO dead_letters (consumer, event_id, event_type, raw, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)`,
        [subscription.consumer, id, type, head.raw, error, attempts],
      );
      await tx.query('DELETE FROM bus_deliveries WHERE id = $1', [head.id]);
    });
  }

  private idle(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}
