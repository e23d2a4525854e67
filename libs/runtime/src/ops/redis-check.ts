import Redis from 'ioredis';
import type { DependencyCheck } from './readiness';

/**
 * Readiness of Redis (BullMQ's store) by PING on a connection of its own: the scheduler's
 * connections are private to it, and this one fails fast (no offline queue) instead of waiting for
 * a reconnect. close() ends it on shutdown.
 */
export function redisCheck(url: string): DependencyCheck & { close(): Promise<void> } {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Connection errors surface as a failed check; unheard, ioredis would print them.
  redis.on('error', () => undefined);
  let connecting: Promise<void> | null = null;
  return {
    name: 'redis',
    async check() {
      if (redis.status === 'wait') connecting ??= redis.connect().finally(() => (connecting = null));
      if (connecting) await connecting;
      const answer = await redis.ping();
      if (answer !== 'PONG') throw new Error(`redis answered ${answer}`);
    },
    async close() {
      redis.disconnect();
    },
  };
}
