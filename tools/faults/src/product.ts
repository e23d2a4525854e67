import { randomBytes } from 'crypto';
import { Pool } from 'pg';
import { migrate } from '@lw/db';
import { hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { createTestDatabase, kafkaForTests, untilHealthy, type TestKafka } from '@lw/testing';
import { serviceProcessEnv, type ServiceUrls, startServiceProcess, type ServiceProcess, withDeadline } from '@lw/scenario';
export { Cleanup as Undo } from '@lw/scenario';
import type { PrivatePostgres } from '@lw/testing';

export const SERVICES = ['vetting', 'tipline', 'auditing', 'grievance'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const COUNTY = '320724';

export interface FaultProductOptions {
  /** Redis database of this spec (11–14), so its BullMQ keys are apart from other suites'. */
  redisDb: number;
  /** Run on this private cluster instead of a per-test database on the shared server. */
  postgres?: PrivatePostgres;
  /** Extra environment for every service process. */
  env?: NodeJS.ProcessEnv;
  /** The services a spec needs (all four by default): fewer processes on two shared cores. */
  services?: readonly ServiceName[];
  /** Extra environment for one service's first start (e.g. a test-only fault switch). */
  serviceEnv?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
}

/**
 * The four services as four OS processes in distributed mode, like tools/scenario's starter, but
 * with the handles a fault test needs: the broker's down/up (the test broker is always used, even
 * with KAFKA_BROKERS set), optionally a private PostgreSQL, and restarting one process.
 */
export interface FaultProduct {
  /** Base URL per running service (platform endpoints such as /hierarchy go to vetting's). */
  urls: ServiceUrls;
  kafka: TestKafka;
  databaseUrl: string;
  /** Read-only looks into the services' schemas (the effects, the inboxes, the outbox). */
  db: Pool;
  authSecret: string;
  processes: Map<ServiceName, ServiceProcess>;
  /** Starts the service's process again (after a crash or stop), with extra environment. */
  restart(name: ServiceName, env?: NodeJS.ProcessEnv): Promise<ServiceProcess>;
  /** The last lines of every process, to explain a failure. */
  logs(lines?: number): string;
}

export async function startFaultProduct(opts: FaultProductOptions, undo: (() => Promise<unknown>)[]): Promise<FaultProduct> {
  const name = `faults_${process.pid}_${randomBytes(4).toString('hex')}`;
  let databaseUrl: string;
  if (opts.postgres) {
    databaseUrl = await opts.postgres.createDatabase(name);
  } else {
    const test = await createTestDatabase('faults');
    undo.push(() => test.drop());
    databaseUrl = test.url;
  }
  const db = new Pool({ connectionString: databaseUrl, max: 2, application_name: 'faults:probe' });
  db.on('error', () => undefined); // the private cluster is restarted under it
  undo.push(() => db.end());
  // The platform's division tree, as `npm run import -- --scope 320724` loads it before a deployment.
  const hierarchy = new Pool({ connectionString: databaseUrl, max: 2, options: '-c search_path=hierarchy,public' });
  try {
    await migrate(hierarchy, 'hierarchy', hierarchyMigrations);
    await importDivisions(hierarchy, { scope: COUNTY });
  } finally {
    await hierarchy.end();
  }

  const kafka = await kafkaForTests({ faults: true });
  undo.push(() => kafka.stop());
  const { env: base, authSecret } = await serviceProcessEnv(undo, { databaseUrl, kafka, redisDb: opts.redisDb, county: COUNTY });
  const env: NodeJS.ProcessEnv = {
    ...base,
    TIPLINE_RECEIPT_HASH_COST: '10',
    TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0',
    ...opts.env,
  };
  delete env.LW_FAULT_EXIT_AFTER_EFFECT; // only where a spec asks for it
  const processes = new Map<ServiceName, ServiceProcess>();
  undo.push(() => Promise.all([...processes.values()].map((p) => p.stop())));
  const urls = {} as ServiceUrls;
  const logs = (lines = 40) => [...processes.values()].map((p) => `--- ${p.name} ---\n${p.output().split('\n').slice(-lines).join('\n')}`).join('\n');

  const launch = async (svc: ServiceName, extra: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> => {
    const p = startServiceProcess(svc, { ...env, ...extra });
    processes.set(svc, p);
    urls[svc] = await withDeadline(p.listening, START_DEADLINE_MS, () => p.output());
    await untilHealthy(urls[svc], svc);
    return p;
  };
  try {
    await Promise.all((opts.services ?? SERVICES).map((svc) => launch(svc, opts.serviceEnv?.[svc])));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${logs()}`);
  }
  return {
    urls,
    kafka,
    databaseUrl,
    db,
    authSecret,
    processes,
    async restart(svc, extra) {
      await processes.get(svc)?.stop();
      return launch(svc, extra);
    },
    logs,
  };
}

/** Four cold TypeScript processes on two shared cores: generous, but bounded. */
const START_DEADLINE_MS = 150_000;
