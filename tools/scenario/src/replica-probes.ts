import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { consumerGroup } from '@lw/messaging';
import { HttpClient } from '@lw/testing';
import type { Service } from './client';

/** `lw_leader{service,loop}` of one replica's /metrics, as loop → 0/1. */
export async function leaderGauge(replicaUrl: string): Promise<Map<string, number>> {
  const { raw: text } = await new HttpClient(replicaUrl).call('GET', '/metrics');
  const loops = new Map<string, number>();
  for (const m of text.matchAll(/^lw_leader\{([^}]*)\} (\d+)$/gm)) {
    const loop = /loop="([^"]*)"/.exec(m[1])?.[1];
    if (loop) loops.set(loop, Number(m[2]));
  }
  return loops;
}

/** Per loop, how many of the replicas say they lead it (each should be 1). */
export async function leadersPerLoop(replicaUrls: readonly string[]): Promise<Map<string, string[]>> {
  const byLoop = new Map<string, string[]>();
  for (const url of replicaUrls) {
    for (const [loop, v] of await leaderGauge(url)) {
      const list = byLoop.get(loop) ?? [];
      if (v === 1) list.push(url);
      byLoop.set(loop, list);
    }
  }
  return byLoop;
}

/** Members of each service's consumer group and the partitions each holds (DescribeGroups). */
export async function groupAssignments(brokers: string[], services: readonly Service[]): Promise<Record<string, { state: string; members: number[] }>> {
  const admin = new Kafka({ clientId: 'scenario-probe', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups(services.map((s) => consumerGroup(s)));
    return Object.fromEntries(
      groups.map((g) => [
        g.groupId,
        {
          state: g.state,
          members: g.members.map((m) => {
            const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
            return Object.values(decoded?.assignment ?? {}).reduce((n, partitions) => n + partitions.length, 0);
          }),
        },
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}
