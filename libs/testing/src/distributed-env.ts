/** The local Redis the distributed specs share (`REDIS_URL` overrides). */
const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One service's environment in distributed mode on the test infrastructure (its database, the Kafka
 * test broker, the local Redis, a free port), for `loadConfig(env, 'distributed')`; `extra` adds or
 * overrides variables.
 */
export function distributedEnv(p: { databaseUrl: string; kafkaBrokers: readonly string[]; authSecret: string; extra?: Record<string, string> }): Record<string, string> {
  return {
    LW_MODE: 'distributed',
    DATABASE_URL: p.databaseUrl,
    KAFKA_BROKERS: p.kafkaBrokers.join(','),
    REDIS_URL: TEST_REDIS_URL,
    AUTH_SECRET: p.authSecret,
    PORT: '0',
    ...p.extra,
  };
}
