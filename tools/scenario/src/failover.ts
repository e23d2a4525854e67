import { Partitioners, type PartitionMetadata } from 'kafkajs';
import type { Pool } from 'pg';
import { integrationTopic, orderingKey, topicDeclarations } from '@lw/messaging';
import { sleep } from '@lw/testing';
import type { Service } from './client';
import { SERVICES, type DistributedProduct } from './distributed';
import { CONSUMES } from './effect-counts';
import { leaderGauge, leadersPerLoop } from './replica-probes';

export interface Takeover {
  service: Service;
  /** From the SIGKILL to the survivor's sessions holding every loop's lease (read in pg_locks). */
  ms: number;
  /** From the SIGKILL to the survivor's /metrics saying so (a scrape also reads Kafka: slower). */
  reportedMs: number;
}

/** Sessions holding the leases of `keys`, by application_name (`<service>#<replica>`). */
const LEASE_HOLDERS = `
  SELECT a.application_name AS app, count(*)::int AS n
    FROM unnest($1::text[]) k(key)
    CROSS JOIN LATERAL (SELECT hashtextextended(k.key, 0) AS h) x
    JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid::bigint = ((x.h >> 32) & 4294967295) AND l.objid::bigint = (x.h & 4294967295)
    JOIN pg_stat_activity a ON a.pid = l.pid
   GROUP BY 1`;

/** A loop of lw_leader as the lease key libs/eventstore takes for it. */
function leaseKey(service: Service, loop: string): string {
  return loop === 'outbox-relay' ? `${service}:outbox-relay:relay:${service}` : `${service}:${loop}`;
}

/**
 * Kills the replica leading `service`'s outbox relay: first out of the balancer's rotation (a
 * request cut mid-way would leave its client not knowing whether it took effect; that is not what
 * this measures), then SIGKILL, which ends its PostgreSQL sessions and so its advisory locks.
 */
export async function killLeader(product: DistributedProduct, pool: Pool, service: Service, loops: readonly string[]): Promise<Takeover> {
  const urls = product.replicaUrls![service];
  const victimUrl = (await leadersPerLoop(urls)).get('outbox-relay')?.[0];
  if (!victimUrl) throw new Error(`${service}: no relay leader to kill`);
  const victim = product.replicas![service][urls.indexOf(victimUrl)];
  const survivorUrl = urls.find((u) => u !== victimUrl)!;
  const keys = loops.map((l) => leaseKey(service, l));
  const holders = async () => (await pool.query<{ app: string; n: number }>(LEASE_HOLDERS, [keys])).rows;
  const victimApp = (await pool.query<{ app: string }>(LEASE_HOLDERS, [[leaseKey(service, 'outbox-relay')]])).rows[0]?.app;
  const { rows } = await pool.query<{ app: string }>(`SELECT DISTINCT application_name AS app FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1 AND application_name <> $2`, [`${service}#%`, victimApp]);
  if (rows.length !== 1) throw new Error(`${service}: expected one other replica's sessions, found ${JSON.stringify(rows)}`);
  const survivorApp = rows[0].app;

  await product.balancers![service].drain(victimUrl);
  const t0 = performance.now();
  victim.child.kill('SIGKILL');
  let ms: number | undefined;
  for (;;) {
    const elapsed = performance.now() - t0;
    if (ms === undefined && (await holders()).some((h) => h.app === survivorApp && h.n === keys.length)) ms = Math.round(performance.now() - t0);
    if (ms !== undefined) {
      const gauge = await leaderGauge(survivorUrl).catch(() => new Map<string, number>());
      if (loops.every((l) => gauge.get(l) === 1)) return { service, ms, reportedMs: Math.round(performance.now() - t0) };
    }
    if (elapsed > 60_000) throw new Error(`${service}: the survivor ${survivorUrl} does not lead every loop a minute after the kill`);
    await sleep(100);
  }
}

export interface GroupSpread {
  /** Replicas that handled deliveries in the window. */
  replicas: number;
  /** Partitions each replica handled deliveries from (by application_name). */
  partitions: Record<string, number>;
  /** Partitions ("topic/partition") handled by more than one replica in the window. */
  shared: string[];
}

/**
 * How each consumer group's deliveries between `from` and `to` were shared, read from the inbox
 * (the test adds a handled_by column defaulting to the session's application_name, which names the
 * replica). The test broker has no DescribeGroups, so the partition of each event is recomputed the
 * way the producer chose it: kafkajs's default partitioner on the village key.
 */
export async function consumerSpread(pool: Pool, from: Date, to: Date): Promise<Record<Service, GroupSpread>> {
  const partitionsOf = new Map(topicDeclarations(SERVICES).map((t) => [t.name, t.partitions]));
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionOf = (topic: string, key: string): number => {
    const partitionMetadata = Array.from({ length: partitionsOf.get(topic) ?? 1 }, (_, partitionId): PartitionMetadata => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
    return partitioner({ topic, partitionMetadata, message: { key, value: null } });
  };
  const result = {} as Record<Service, GroupSpread>;
  for (const s of SERVICES) {
    const handlers = new Map<string, Set<string>>();
    const replicas = new Set<string>();
    for (const producer of CONSUMES[s]) {
      const { rows } = await pool.query<{ handled_by: string; village: string | null }>(
        `SELECT i.handled_by, o.envelope->>'villageCode' AS village
           FROM ${s}.inbox i JOIN ${producer}.outbox o ON o.event_id = i.event_id
          WHERE i.received_at BETWEEN $1 AND $2`,
        [from, to],
      );
      for (const r of rows) {
        const topic = integrationTopic(producer);
        const partition = `${topic}/${partitionOf(topic, orderingKey(r.village))}`;
        handlers.set(partition, (handlers.get(partition) ?? new Set()).add(r.handled_by));
        replicas.add(r.handled_by);
      }
    }
    const partitions: Record<string, number> = {};
    for (const h of handlers.values()) for (const r of h) partitions[r] = (partitions[r] ?? 0) + 1;
    result[s] = { replicas: replicas.size, partitions, shared: [...handlers].filter(([, h]) => h.size > 1).map(([p]) => p) };
  }
  return result;
}
