import type { INestApplicationContext, Provider } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { migrate, Migration, readModelSource } from '@lw/db';
import { EventStore, eventstoreMigrations, OutboxRelay } from '@lw/eventstore';
import { IntegrationBus, IntegrationHandler, messagingMigrations } from '@lw/messaging';
import { JobScheduler, jobsMigrations } from '@lw/jobs';
import type { Logger } from './logger';
import { CorrelatingEventStore } from './ops/correlating-event-store';
import { runWithCorrelation } from './ops/correlation-context';
import { DependencyCheck, readinessOf, ReadinessReport } from './ops/readiness';
import { createServiceCqrs } from './nest/service-cqrs';
import type { ServiceName } from './services';
import type { ServiceMetric, ServicePlatform, ServiceRuntime } from './service-runtime';

export interface ServiceKernelOptions {
  name: ServiceName;
  /** The service's own database, search_path = its schema (named like the service). */
  pool: Pool;
  bus: IntegrationBus;
  jobs: JobScheduler;
  logger: Logger;
  /** The service's own schema changes, applied after the shared libs' ones. */
  migrations?: readonly Migration[];
  /** Its read-model entities (TypeORM), served by `readModels` on the service pool. */
  readModels?: readonly (new () => object)[];
  /** Integration events this service reacts to, handled inside its inbox transaction. */
  consumes?: { producers: string[]; handle: IntegrationHandler };
  relayPollIntervalMs?: number;
  /** What the host shares with every service: hierarchy, calendar, audit log, data folder, settings. */
  platform: ServicePlatform;
  /** Builds the service's own moving parts (consumers, job handlers, projectors, Nest providers) once migrated. */
  runtime?: (kernel: ServiceKernel) => ServiceRuntime;
  /** Dependencies beyond the service's database that readiness checks (distributed: Kafka, Redis). */
  readinessChecks?: DependencyCheck[];
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
  readonly platform: ServicePlatform;
  private readonly relay: OutboxRelay;
  private built?: ServiceRuntime;
  private cqrs?: INestApplicationContext;
  private source?: DataSource;
  private consumer?: string;
  private draining = false;

  constructor(private readonly options: ServiceKernelOptions) {
    this.name = options.name;
    this.pool = options.pool;
    this.bus = options.bus;
    this.jobs = options.jobs;
    this.logger = options.logger.child({ service: options.name });
    this.platform = options.platform;
    // Stamps the request's correlation id on integration events that did not choose one.
    this.store = new CorrelatingEventStore(options.pool);
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
    this.source = await readModelSource(this.pool, [...(this.options.readModels ?? [])]);
    this.built = this.options.runtime?.(this) ?? {};
    // The buses exist before anything dispatches: the consumer, the jobs, the HTTP app.
    this.cqrs = await createServiceCqrs(this.built.providers ?? [], this.built.handlers ?? []);
    const consumes = this.built.consumes ?? this.options.consumes;
    if (consumes) {
      const handle = consumes.handle;
      // The consumed event's correlation id is on every log line of its handling and on the events it causes.
      await this.bus.subscribe({
        consumer: this.name,
        pool: this.pool,
        producers: consumes.producers,
        handle: (event, tx) => runWithCorrelation(event.correlationId, () => handle(event, tx)),
      });
      this.consumer = this.name;
    }
    await this.built.start?.();
    await this.relay.start();
    await this.jobs.start();
    this.logger.info('service started');
  }

  /** Readiness turns 503 from now on, so load balancers stop sending requests before the host closes. */
  beginDrain(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }

  /** Stops publishing (the host does it before closing the bus's producer); stop() does it too. */
  async stopRelay(): Promise<void> {
    await this.relay.stop();
  }

  /** Graceful: no new jobs or publishes; running handlers finish. Pools are closed by the host. */
  async stop(): Promise<void> {
    this.beginDrain();
    await this.jobs.stop();
    await this.built?.stop?.();
    await this.relay.stop();
    await this.cqrs?.close();
    await this.source?.destroy();
    this.logger.info('service stopped');
  }

  /** The service's runtime parts; available once start() has run (the HTTP app is built after). */
  runtime(): ServiceRuntime {
    if (!this.built) throw new Error(`service ${this.name} is not started`);
    return this.built;
  }

  /** The service's read models (TypeORM) on its own pool; available once start() has begun the runtime. */
  get readModels(): DataSource {
    if (!this.source) throw new Error(`service ${this.name} is not started`);
    return this.source;
  }

  /** Carries every state change of this service to its @CommandHandler; available once start() has run. */
  get commandBus(): CommandBus {
    if (!this.cqrs) throw new Error(`service ${this.name} is not started`);
    return this.cqrs.get(CommandBus);
  }

  /** Carries every read of this service to its @QueryHandler; available once start() has run. */
  get queryBus(): QueryBus {
    if (!this.cqrs) throw new Error(`service ${this.name} is not started`);
    return this.cqrs.get(QueryBus);
  }

  /** The consumer name this service subscribed under, if it consumes integration events. */
  consumerName(): string | undefined {
    return this.consumer;
  }

  /** Whether this replica currently runs the service's outbox relay (one per service across replicas). */
  relayActiveHere(): boolean {
    return this.relay.isLeader();
  }

  /** Readings the service offers the metrics endpoint (e.g. overdue tips); none before start(). */
  metrics(): ServiceMetric[] {
    return this.built?.metrics ?? [];
  }

  /** Database plus the host's dependency checks; not ready while draining. */
  readiness(): Promise<ReadinessReport> {
    const database: DependencyCheck = { name: 'database', check: async () => void (await this.pool.query('SELECT 1')) };
    return readinessOf(this.name, [database, ...(this.options.readinessChecks ?? [])], this.draining);
  }

  /** The Nest providers the service's runtime offers its controllers (none before start()). */
  providers(): Provider[] {
    return this.built?.providers ?? [];
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
