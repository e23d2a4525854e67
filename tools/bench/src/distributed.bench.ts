// Issue 7's bench: a public tip's way to a grievance case (tip-line → Kafka → grievance) at 200
// tips/s, distributed (four processes over the Kafka test broker, behind the scenario's balancer)
// beside embedded (one process, in-process bus); and sustained throughput of that path with two
// replicas per service beside one.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Writable } from 'stream';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone } from '@lw/standalone';
import { createTestDatabase } from '@lw/testing';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';
import { openLoop, percentile, sustained, type PathTimes } from './distributed-load';
import { Cleanup, loginDemoUsers, mintUsers, ScenarioClient, startDistributedProduct, tipFlow, type TipFlow, type Users } from '@lw/scenario';

const RATE = 200;
const CONCURRENCY = 24;
/** No per-client cap (all load comes from 127.0.0.1) and the cheapest receipt hash the tip-line allows. */
const LOAD_ENV = { TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0', TIPLINE_RECEIPT_HASH_COST: '10' };
/** The bench's own Redis database (the tests use 0, 9 and 10). */
const REDIS_DB = 11;

async function villagesOf(client: ScenarioClient, users: Users): Promise<string[]> {
  return ((await client.ok('GET', `/hierarchy/nodes/${users.townshipNode}/children`, { token: users.org })) as { code: string }[]).map((v) => v.code);
}

/** The product in embedded mode, logging at info into nothing (the distributed processes log at info to a pipe). */
async function withEmbedded<T>(work: (flow: TipFlow) => Promise<T>): Promise<T> {
  const db = await createTestDatabase('benchdist');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-'));
  const savedEnv = { ...process.env };
  Object.assign(process.env, LOAD_ENV);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  let s: Awaited<ReturnType<typeof startStandalone>> | undefined;
  let flow: TipFlow | undefined;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'info' }, 'embedded');
    s = await startStandalone({ config, logger: createLogger({ service: 'bench', level: 'info', destination: sink }) });
    const client = new ScenarioClient({ vetting: s.url, tipline: s.url, auditing: s.url, grievance: s.url });
    const users = await loginDemoUsers(client, s.demoPassword);
    // Embedded mode keeps each service's tables in a schema of its own too: tipline.receipts.
    flow = tipFlow(client, users, db.url, await villagesOf(client, users));
    return await work(flow);
  } finally {
    await flow?.close();
    await s?.stop();
    process.env = savedEnv;
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function withDistributed<T>(replicas: number, work: (flow: TipFlow) => Promise<T>): Promise<T> {
  const cleanup = new Cleanup();
  let flow: TipFlow | undefined;
  try {
    const product = await startDistributedProduct(cleanup, { replicas, redisDb: REDIS_DB, env: LOAD_ENV });
    const client = new ScenarioClient(product.urls);
    const users = await mintUsers(client, product.authSecret, product.county);
    flow = tipFlow(client, users, product.databaseUrl, await villagesOf(client, users));
    return await work(flow);
  } finally {
    await flow?.close();
    await cleanup.run();
  }
}

const ms = (v: number) => Math.round(v);

export const distributedBench: BenchSuite = async (ctx: BenchContext): Promise<BenchFigure[]> => {
  const seconds = Math.max(3, Math.round(30 * ctx.scale));
  const warm = Math.max(20, Math.round(100 * ctx.scale));
  ctx.log(`latency: ${RATE} tips/s offered for ${seconds} s (open loop), after ${warm} warm-up tips`);
  const latency = async (flow: TipFlow): Promise<PathTimes> => {
    await openLoop(flow, 0, 50, warm / 50); // JIT, pools, consumer groups joined
    return openLoop(flow, warm, RATE, seconds);
  };
  const embedded = await withEmbedded(latency);
  ctx.log(`embedded: whole p50 ${ms(percentile(embedded.whole, 50))} ms, p99 ${ms(percentile(embedded.whole, 99))} ms`);

  const throughputSeconds = Math.max(5, Math.round(30 * ctx.scale));
  const throughput = async (flow: TipFlow, first: number) => {
    await openLoop(flow, first, 50, warm / 50);
    return sustained(flow, first + warm, CONCURRENCY, throughputSeconds);
  };
  const { distributed, one } = await withDistributed(1, async (flow) => {
    const d = await latency(flow);
    return { distributed: d, one: await throughput(flow, 1_000_000) };
  });
  ctx.log(`distributed: whole p50 ${ms(percentile(distributed.whole, 50))} ms, p99 ${ms(percentile(distributed.whole, 99))} ms`);
  ctx.log(`sustained (${CONCURRENCY} at once, ${throughputSeconds} s), one replica: ${one.tipsPerSecond.toFixed(1)} tips/s (${one.tips} tips)`);
  const two = await withDistributed(2, (flow) => throughput(flow, 0));
  ctx.log(`sustained, two replicas: ${two.tipsPerSecond.toFixed(1)} tips/s (${two.tips} tips)`);

  const figure = (name: string, d: number, e: number, note: string): BenchFigure => ({
    name,
    ours: { value: ms(d), unit: 'ms', higherIsBetter: false },
    baseline: { value: ms(e), unit: 'ms', higherIsBetter: false, label: 'embedded mode' },
    note: `distributed/embedded = ${(d / e).toFixed(2)}. ${note}`,
  });
  const n = `${Math.round(RATE * seconds)} tips offered at ${RATE}/s`;
  return [
    figure(`public tip → grievance case visible, p50 (${n})`, percentile(distributed.whole, 50), percentile(embedded.whole, 50), 'Submit, accept, assign, conclude over HTTP, then the case in the ledger (polled every 100 ms).'),
    figure('same, p99', percentile(distributed.whole, 99), percentile(embedded.whole, 99), ''),
    figure('conclude → case visible (cross-service segment), p50', percentile(distributed.crossService, 50), percentile(embedded.crossService, 50), 'Outbox relay, Kafka (the test broker) vs the in-process bus, grievance\'s inbox and projection.'),
    figure('same, p99', percentile(distributed.crossService, 99), percentile(embedded.crossService, 99), ''),
    {
      name: `sustained tip → case throughput, two replicas per service (${CONCURRENCY} tips in flight, ${throughputSeconds} s)`,
      ours: { value: Number(two.tipsPerSecond.toFixed(1)), unit: 'tips/s', higherIsBetter: true },
      baseline: { value: Number(one.tipsPerSecond.toFixed(1)), unit: 'tips/s', higherIsBetter: true, label: 'one replica per service' },
      note: 'Eight processes vs four on the same cores, behind the same balancer: a ratio near 1 says the machine, not the design, is the limit.',
    },
  ];
};
