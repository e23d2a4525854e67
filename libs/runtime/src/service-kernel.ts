import type { Pool } from 'pg';
import { migrate, Migration } from '@lw/db';
import { EventStore, eventstoreMigrations, OutboxRelay } from '@lw/eventstore';
import { IntegrationBus, IntegrationHandler, messagingMigrations } from '@lw/messaging';
import { JobScheduler, jobsMigrations } from '@lw/jobs';
import type { Logger } from './logger';
import type { ServiceName } from './services';

export interface ServiceKernelOptions {
  name: ServiceName;
  /** The service's own database, search_path = its schema (named like the service). */
  pool: Pool;
  bus: IntegrationBus;
  jobs: JobScheduler;
  logger: Logger;
  /** The service's own schema changes, applied after the shared libs' ones. */
  migrations?: readonly Migration[];
  /** Integration events this service reacts to, handled inside its inbox transaction. */
  consumes?: { producers: string[]; handle: IntegrationHandler };
  relayPollIntervalMs?: number;
}

export interface HealthReport {
  service: ServiceName;
  status: 'ok' | 'down';
  checks: {
    database: { ok: boolean; latencyMs?: number; error?: string };
    outbox: { ok: boolean; unsent?: number; relayActiveHere: boolean };
  };
}

/**
 * What every service stands on, the same in embedded and distributed mode: its schema migrated,
 * its event store, the outbox relay (the only publisher), its job scheduler and its consumer.
 * Adapters (in-process vs Kafka bus, PostgreSQL vs BullMQ jobs) are chosen by the caller.
 */
export class ServiceKernel {
  readonly name: ServiceName;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly bus: IntegrationBus;
  readonly jobs: JobScheduler;
  readonly logger: Logger;
  private readonly relay: OutboxRelay;

  constructor(private readonly options: ServiceKernelOptions) {
    this.name = options.name;
    this.pool = options.pool;
    this.bus = options.bus;
    this.jobs = options.jobs;
    this.logger = options.logger.child({ service: options.name });
    this.store = new EventStore(options.pool);
    this.relay = new OutboxRelay({
      pool: options.pool,
      name: `relay:${options.name}`,
      publish: (events) => this.bus.publish(events),
      pollIntervalMs: options.relayPollIntervalMs,
      onError: (err) => this.logger.warn({ err: err.message }, 'outbox relay: publish failed, will retry'),
    });
  }

  /** Every migration a service schema needs, in order: shared libs first, then the service's own. */
  static migrationsFor(own: readonly Migration[] = []): Migration[] {
    return [...eventstoreMigrations, ...messagingMigrations, ...jobsMigrations, ...own];
  }

  async migrate(): Promise<string[]> {
    return migrate(this.pool, this.name, ServiceKernel.migrationsFor(this.options.migrations));
  }

  /** Migrates, then starts the relay, the consumer and the jobs. The bus itself is started by the host. */
  async start(): Promise<void> {
    const applied = await this.migrate();
    if (applied.length) this.logger.info({ applied }, 'migrations applied');
    if (this.options.consumes) {
      await this.bus.subscribe({ consumer: this.name, pool: this.pool, ...this.options.consumes });
    }
    await this.relay.start();
    await this.jobs.start();
    this.logger.info('service started');
  }

  /** Graceful: no new jobs or publishes; running handlers finish. Pools are closed by the host. */
  async stop(): Promise<void> {
    await this.jobs.stop();
    await this.relay.stop();
    this.logger.info('service stopped');
  }

  async health(): Promise<HealthReport> {
    const report: HealthReport = {
      service: this.name,
      status: 'ok',
      checks: { database: { ok: false }, outbox: { ok: false, relayActiveHere: this.relay.isLeader() } },
    };
    const t0 = performance.now();
    try {
      const { rows } = await this.pool.query<{ unsent: string }>('SELECT count(*) AS unsent FROM outbox WHERE sent_at IS NULL');
      report.checks.database = { ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
      report.checks.outbox = { ok: true, unsent: Number(rows[0].unsent), relayActiveHere: this.relay.isLeader() };
    } catch (err) {
      report.checks.database = { ok: false, error: (err as Error).message };
      report.status = 'down';
    }
    return report;
  }
}
