import { readinessOf } from './readiness';
import { redisCheck } from './redis-check';

describe('readiness', () => {
  const ok = { name: 'database', check: async () => undefined };

  it('is ready when every dependency answers', async () => {
    expect(await readinessOf('tipline', [ok], false)).toMatchObject({ status: 'ready', draining: false, checks: { database: { ok: true } } });
  });

  it('names the dependency that failed, with its reason', async () => {
    const kafka = { name: 'kafka', check: async () => Promise.reject(new Error('no broker')) };
    expect(await readinessOf('tipline', [ok, kafka], false)).toMatchObject({
      status: 'not_ready',
      checks: { database: { ok: true }, kafka: { ok: false, error: 'no broker' } },
    });
  });

  it('answers even when a dependency hangs', async () => {
    const hanging = { name: 'redis', check: () => new Promise<void>(() => undefined) };
    expect(await readinessOf('tipline', [hanging], false, 50)).toMatchObject({ status: 'not_ready', checks: { redis: { ok: false, error: expect.stringMatching(/did not answer/) } } });
  });

  it('is not ready while draining, whatever the dependencies say', async () => {
    expect(await readinessOf('tipline', [ok], true)).toMatchObject({ status: 'not_ready', draining: true });
  });

  it('pings the real Redis, and fails on an address where none listens', async () => {
    const good = redisCheck(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const bad = redisCheck('redis://127.0.0.1:1');
    try {
      await expect(good.check()).resolves.toBeUndefined();
      await expect(bad.check()).rejects.toThrow();
    } finally {
      await good.close();
      await bad.close();
    }
  });
});
