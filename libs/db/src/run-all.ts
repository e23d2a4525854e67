import type { PoolClient } from 'pg';

/**
 * Runs independent reads: at once through the pool, one after another inside a transaction (one
 * client runs one query at a time; pg only queues them, and that queueing is deprecated).
 */
export async function runAll<T extends readonly unknown[]>(tx: PoolClient | undefined, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!tx) return (await Promise.all(reads.map((r) => r()))) as unknown as T;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}
