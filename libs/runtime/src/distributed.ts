import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import { AuditLog, authMigrations, JwksTokenVerifier, PgIdentityStore, SecretTokenVerifier, TokenIssuer, TokenVerifier, type AuthModuleOptions } from '@lw/auth';
import { createPool, migrate } from '@lw/db';
import { Hierarchy, hierarchyMigrations } from '@lw/hierarchy';
import { BullMqJobScheduler } from '@lw/jobs';
import { KafkaBus, KafkaBusOptions } from '@lw/messaging';
import { calendarMigrations } from './calendar/calendar.migrations';
import { CalendarStore } from './calendar/calendar-store';
import type { RuntimeConfig } from './config';
import { createLogger, Logger } from './logger';
import { createHttpApp } from './nest/http-app';
import type { ServiceDefinition } from './service-definition';
import { ServiceKernel } from './service-kernel';
import { INSTANCE_ID } from './ops/instance-id';
import { redisCheck } from './ops/redis-check';
import { runShutdownSteps } from './ops/shutdown';

export interface DistributedService {
  url: string;
  kernel: ServiceKernel;
  app: INestApplication;
  /**
   * Graceful, in this order: readiness 503 (draining), HTTP closed, outbox relay stopped, Kafka
   * consumers drained with their offsets committed and the producer closed, projectors and jobs
   * stopped, pools and the Redis probe closed.
   */
  stop(): Promise<void>;
}

/**
 * Distributed mode: one service per process. Its own schema in DATABASE_URL, the Kafka bus, BullMQ
 * jobs on Redis, tokens from the IdP's key set (or a shared secret). The hierarchy, calendar and
 * audit tables are the platform's shared schemas in the same database, read-only for services
 * except the audit log they append to.
 */
export async function startDistributedService(
  definition: ServiceDefinition,
  config: RuntimeConfig,
  options: { logger?: Logger; host?: string; deploymentScope?: string; kafka?: Partial<KafkaBusOptions> } = {},
): Promise<DistributedService> {
  if (config.mode !== 'distributed' || !config.databaseUrl || !config.kafka || !config.redisUrl) {
    throw new Error('startDistributedService needs a distributed configuration (loadConfig checks it)');
  }
  const log = options.logger ?? createLogger({ service: definition.name, level: config.logLevel });
  const url = config.databaseUrl;
  // The replica's id in application_name tells its sessions (and leases) from its twins' (lw_leader).
  const servicePool = createPool({ url, schema: definition.name, max: config.databasePoolMax, applicationName: `${definition.name}#${INSTANCE_ID}` });
  const platformPool = createPool({ url, schema: 'platform', max: 2, applicationName: `${definition.name}:platform` });
  const hierarchyPool = createPool({ url, schema: 'hierarchy', max: 2, applicationName: `${definition.name}:hierarchy` });
  const authPool = createPool({ url, schema: 'auth', max: 3, applicationName: `${definition.name}:auth` });
  const pools = [servicePool, platformPool, hierarchyPool, authPool];
  const bus = new KafkaBus({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-${definition.name}`,
    idempotentProducer: config.kafka.idempotent,
    logger: log.child({ component: 'kafka' }),
    ...options.kafka,
  });
  // Finished jobs leave Redis after a year: longer than any statutory clock a job serves (60 日 + 30
  // to conclude a petition), so an id is never run twice while it matters, and Redis does not grow for ever.
  const retain = { age: 366 * 24 * 3600 };
  const jobs = new BullMqJobScheduler({ queueName: definition.name, redisUrl: config.redisUrl, retainFinished: retain });
  const redis = redisCheck(config.redisUrl);
  let kernel: ServiceKernel | undefined;
  let app: INestApplication | undefined;
  let stopping: Promise<void> | undefined;
  // Consumers are drained before the jobs and projectors stop, so a handler in flight can still
  // schedule a job or write its effect instead of failing into a retry (or a dead letter). The
  // relay stops first: with the producer closed it would otherwise connect a new one.
  const stop = (): Promise<void> =>
    (stopping ??= runShutdownSteps(
      [
        ['drain', async () => kernel?.beginDrain()],
        ['http', async () => app?.close()],
        ['relay', async () => kernel?.stopRelay()],
        ['bus', () => bus.stop()],
        ['kernel', async () => kernel?.stop()],
        ['redis probe', () => redis.close()],
        ['pools', () => Promise.all(pools.map((p) => p.end()))],
      ],
      (step, err) => log.warn({ step, err: err.message }, 'shutdown step failed'),
    ).then(() => log.info('service stopped gracefully')));
  try {
    // Shared schemas are migrated by whichever replica starts first (advisory lock per schema).
    await migrate(platformPool, 'platform', calendarMigrations);
    await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
    await migrate(authPool, 'auth', authMigrations);
    const calendar = new CalendarStore(platformPool);
    await calendar.reload();
    const hierarchy = await Hierarchy.load(hierarchyPool, { scope: options.deploymentScope ?? process.env.DEPLOYMENT_SCOPE });
    const auditLog = new AuditLog(authPool);
    kernel = new ServiceKernel({
      name: definition.name,
      pool: servicePool,
      bus,
      jobs,
      logger: log,
      migrations: definition.migrations,
      readModels: definition.readModels,
      consumes: definition.consumes,
      runtime: definition.runtime,
      platform: { mode: 'distributed', hierarchy, calendar, auditLog, dataDir: config.dataDir, env: process.env },
      readinessChecks: [{ name: 'kafka', check: () => bus.checkConnection() }, redis],
    });
    await kernel.start();
    await bus.start();
    app = await createHttpApp({
      services: [{ definition, kernel }],
      auth: { verifier: tokenVerifier(config), scopeChecker: hierarchy, auditLog, ...selfIssuedLogin(config, authPool) },
      hierarchy,
      calendar,
      logger: log,
      trustProxy: config.trustProxy,
    });
    await app.listen(config.port, options.host ?? process.env.HOST ?? '0.0.0.0');
    const { port } = app.getHttpServer().address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, kernel, app, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Tokens signed with AUTH_SECRET (no IdP): every service also serves POST /auth/login and GET
 * /auth/me from the shared auth schema (accounts made with `npm run users`), so the console logs in
 * behind the Ingress as it does in embedded mode. With an IdP (JWKS) the IdP logs users in.
 */
function selfIssuedLogin(config: RuntimeConfig, authPool: Pool): Pick<AuthModuleOptions, 'identityStore' | 'issuer'> {
  const { jwksUrl, issuer, audience, secret } = config.auth;
  if (jwksUrl || !secret) return {};
  return { identityStore: new PgIdentityStore(authPool), issuer: new TokenIssuer({ secret, issuer, audience }) };
}

function tokenVerifier(config: RuntimeConfig): TokenVerifier {
  const { jwksUrl, issuer, audience, secret } = config.auth;
  if (jwksUrl && issuer && audience) return new JwksTokenVerifier({ jwksUrl, issuer, audience });
  if (secret) return new SecretTokenVerifier({ secret, issuer, audience });
  throw new Error('no token verifier configured');
}
