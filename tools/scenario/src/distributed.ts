import { mkdtempSync, rmSync } from 'fs';
import { randomBytes } from 'crypto';
import { tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { migrate } from '@lw/db';
import { hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { topicDeclarations } from '@lw/messaging';
import { createTestDatabase, kafkaForTests, untilHealthy } from '@lw/testing';
import type { Service, ServiceUrls } from './client';
import { startLoadBalancer, type LoadBalancer } from './load-balancer';
import { startServiceProcess, type ServiceProcess } from './processes';

export const SERVICES = ['vetting', 'tipline', 'auditing', 'grievance'] as const;
const COUNTY = '320724';
/**
 * BullMQ's queue names are the service names and its key prefix is fixed, so runs are kept apart
 * by a Redis database of their own (other tests use db 0). SCENARIO_REDIS_DB overrides it.
 */
const REDIS_DB = Number(process.env.SCENARIO_REDIS_DB ?? 9);

export interface DistributedProduct {
  urls: ServiceUrls;
  databaseUrl: string;
  authSecret: string;
  county: string;
  processes: ServiceProcess[];
  stop(): Promise<void>;
  /** With `replicas`: each service's processes and their own URLs; `urls` are then the balancers'. */
  replicas?: Record<Service, ServiceProcess[]>;
  replicaUrls?: Record<Service, string[]>;
  balancers?: Record<Service, LoadBalancer>;
  kafkaBrokers: string[];
}

export interface DistributedOptions {
  /**
   * Processes per service, behind one round-robin balancer each (tools/scenario/src/load-balancer.ts),
   * started by replica-main.ts (fast consumer-group timings for the test broker); the topics are
   * created up front with infra/topics.yaml's partition counts, so the replicas of a consumer group
   * share partitions. Without it: one process per service (its own main.ts), no balancer.
   */
  replicas?: number;
  /** Redis database for BullMQ (default SCENARIO_REDIS_DB or 9): concurrent runs need their own. */
  redisDb?: number;
  /** Settings added to every process's environment (e.g. TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The four services as four OS processes in distributed mode (apps/<service>/src/main.ts), on a
 * fresh database with the demo county imported, the Kafka test broker (or KAFKA_BROKERS), Redis,
 * a shared HS256 secret for tokens and a tip-line master key. Each resource registers its undo
 * step in `cleanup` as soon as it exists; a failed start runs them before rethrowing.
 */
export async function startDistributedProduct(cleanup: Cleanup, options: DistributedOptions = {}): Promise<DistributedProduct> {
  const undo = cleanup.steps;
  const stop = () => cleanup.run();
  try {
    const db = await createTestDatabase('scenario_dist');
    undo.push(() => db.drop());
    // The platform's division tree, as `npm run import -- --scope 320724` loads it before a deployment.
    const hierarchy = db.pool('hierarchy', 2);
    await migrate(hierarchy, 'hierarchy', hierarchyMigrations);
    await importDivisions(hierarchy, { scope: COUNTY });

    const kafka = await kafkaForTests();
    undo.push(() => kafka.stop());
    if (options.replicas) await kafka.createTopics(topicDeclarations(SERVICES));
    const { env: base, authSecret } = await serviceProcessEnv(undo, { databaseUrl: db.url, kafka, redisDb: options.redisDb ?? REDIS_DB, county: COUNTY });
    const env: NodeJS.ProcessEnv = { ...base, TIPLINE_RECEIPT_HASH_COST: '12', ...options.env };
    if (options.replicas) return await startReplicas(options.replicas, env, undo, { databaseUrl: db.url, authSecret, county: COUNTY, stop, kafkaBrokers: kafka.brokers });
    const processes = SERVICES.map((name) => startServiceProcess(name, env));
    undo.push(() => Promise.all(processes.map((p) => p.stop())));
    const listening = await withDeadline(Promise.all(processes.map((p) => p.listening)), START_DEADLINE_MS, () =>
      processes.map((p) => `--- ${p.name} ---\n${p.output()}`).join('\n'),
    );
    const urls = Object.fromEntries(SERVICES.map((name, i) => [name, listening[i]])) as unknown as ServiceUrls;
    for (const name of SERVICES) {
      await untilHealthy(urls[name], name);
    }
    return { urls, databaseUrl: db.url, authSecret, county: COUNTY, processes, stop, kafkaBrokers: kafka.brokers };
  } catch (err) {
    await stop();
    throw err;
  }
}

type Common = Pick<DistributedProduct, 'databaseUrl' | 'authSecret' | 'county' | 'stop' | 'kafkaBrokers'>;

/** `n` processes per service, each healthy, then one balancer per service in front of them. */
async function startReplicas(n: number, env: NodeJS.ProcessEnv, undo: Cleanup['steps'], common: Common): Promise<DistributedProduct> {
  // replica-main.ts: the service's main with the test broker's consumer timings (see there why).
  const start = (name: Service) => startServiceProcess(name, env, { path: 'tools/scenario/src/replica-main.ts', args: [name] });
  const replicas = Object.fromEntries(SERVICES.map((name) => [name, Array.from({ length: n }, () => start(name))])) as Record<Service, ServiceProcess[]>;
  const processes = SERVICES.flatMap((name) => replicas[name]);
  undo.push(() => Promise.all(processes.map((p) => p.stop())));
  // Cold starts share two cores: the deadline grows with the number of processes.
  await withDeadline(Promise.all(processes.map((p) => p.listening)), (START_DEADLINE_MS * processes.length) / SERVICES.length, () =>
    processes.map((p) => `--- ${p.name} ---\n${p.output()}`).join('\n'),
  );
  const replicaUrls = {} as Record<Service, string[]>;
  const balancers = {} as Record<Service, LoadBalancer>;
  for (const name of SERVICES) {
    replicaUrls[name] = await Promise.all(replicas[name].map((p) => p.listening));
    for (const url of replicaUrls[name]) {
      await untilHealthy(url, name, 60_000, `${name} ${url} healthy`);
    }
    balancers[name] = await startLoadBalancer(replicaUrls[name]);
    undo.push(() => balancers[name].close());
  }
  const urls = Object.fromEntries(SERVICES.map((name) => [name, balancers[name].url])) as unknown as ServiceUrls;
  return { ...common, urls, processes, replicas, replicaUrls, balancers };
}

/**
 * What every service process of a test run gets: distributed mode on this database and broker, a
 * Redis database of the run's own (emptied of BullMQ keys now: a run killed half-way leaves delayed
 * jobs that would fire into this one, and again at the end), a scratch evidence folder, and fresh
 * secrets. The caller adds its own settings on top.
 */
export async function serviceProcessEnv(
  undo: Cleanup['steps'],
  r: { databaseUrl: string; kafka: { brokers: string[]; idempotentProducer: boolean }; redisDb: number; county: string },
): Promise<{ env: NodeJS.ProcessEnv; authSecret: string }> {
  const redisUrl = `${(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/${r.redisDb}`;
  await clearQueues(redisUrl);
  undo.push(() => clearQueues(redisUrl));
  const evidenceDir = mkdtempSync(join(tmpdir(), 'lw-test-evidence-'));
  undo.push(async () => rmSync(evidenceDir, { recursive: true, force: true }));
  const authSecret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LW_MODE: 'distributed',
    DATABASE_URL: r.databaseUrl,
    KAFKA_BROKERS: r.kafka.brokers.join(','),
    KAFKA_IDEMPOTENT: String(r.kafka.idempotentProducer),
    REDIS_URL: redisUrl,
    AUTH_SECRET: authSecret,
    TIPLINE_MASTER_KEY: randomBytes(32).toString('base64'),
    EVIDENCE_DIR: evidenceDir,
    DEPLOYMENT_SCOPE: r.county,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  return { env, authSecret };
}

/**
 * Undo steps registered as soon as each resource exists, so a caller can release everything even
 * when starting is interrupted (a test timeout) before startDistributedProduct returns.
 */
export class Cleanup {
  readonly steps: (() => Promise<unknown>)[] = [];

  async run(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      await step().catch((err) => console.error(`scenario cleanup: ${(err as Error).message}`));
    }
  }
}

/** Four cold TypeScript processes on two cores: generous, but bounded. */
const START_DEADLINE_MS = 120_000;

export async function withDeadline<T>(work: Promise<T>, ms: number, explain: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`services not listening after ${ms} ms:\n${explain()}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Deletes this run's BullMQ keys (prefix "lw", one queue per service) in the scenario's own Redis database. */
export async function clearQueues(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  try {
    for (const name of SERVICES) {
      let cursor = '0';
      for (let round = 0; round < 10_000; round++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `lw:${name}:*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
    }
  } finally {
    redis.disconnect();
  }
}
