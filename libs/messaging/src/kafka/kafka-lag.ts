import type { Admin } from 'kafkajs';

/**
 * A consumer group's lag over its topics: for each partition, the high watermark minus the
 * group's committed offset (a partition never committed counts from its low watermark, as the
 * group reads from the beginning). Two admin round trips per topic; meant for scrape time.
 */
export async function groupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0;
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const p of ends) {
      const at = mine.find((m) => m.partition === p.partition)?.offset;
      const from = at !== undefined && at !== '-1' ? BigInt(at) : BigInt(p.low);
      const behind = BigInt(p.high) - from;
      if (behind > 0n) lag += Number(behind);
    }
  }
  return lag;
}

/** Messages ever written to a topic still within retention (high minus low watermark, summed). */
export async function topicDepth(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
}
