import { ConfigError, loadConfig } from './config';
import { loadServiceConfig } from './service-config';

describe('loadConfig', () => {
  it('gives embedded mode safe defaults with no environment at all', () => {
    const c = loadConfig({}, 'embedded');
    expect(c).toMatchObject({ mode: 'embedded', port: 3000, dataDir: '.data', logLevel: 'info' });
    expect(c.kafka).toBeUndefined();
  });

  it('refuses distributed mode with every missing setting named, instead of falling back', () => {
    let err: ConfigError | undefined;
    try {
      loadConfig({ LW_MODE: 'distributed' }, 'embedded');
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(err!.problems.join('\n')).toMatch(/KAFKA_BROKERS/);
    expect(err!.problems.join('\n')).toMatch(/REDIS_URL/);
    expect(err!.problems.join('\n')).toMatch(/AUTH_JWKS_URL/);
  });

  it('accepts a complete distributed configuration', () => {
    const c = loadConfig(
      {
        LW_MODE: 'distributed',
        DATABASE_URL: 'postgres://u@db:5432/lw',
        KAFKA_BROKERS: 'k1:9092, k2:9092',
        REDIS_URL: 'redis://r:6379',
        AUTH_JWKS_URL: 'https://idp/jwks',
        AUTH_ISSUER: 'idp',
        AUTH_AUDIENCE: 'liangwei',
      },
      'embedded',
    );
    expect(c.kafka).toEqual({ brokers: ['k1:9092', 'k2:9092'], idempotent: false, clientId: 'liangwei' });
  });

  it('rejects malformed values with the variable named', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: 'nohostport' }, 'embedded')).toThrow(/KAFKA_BROKERS/);
    expect(() => loadConfig({ PORT: 'eighty' }, 'embedded')).toThrow(/PORT/);
    expect(() => loadConfig({ AUTH_SECRET: 'short' }, 'embedded')).toThrow(/AUTH_SECRET/);
    // Fewer connections than the leaders' leases hang the service at start.
    expect(() => loadConfig({ DATABASE_POOL_MAX: '5' }, 'embedded')).toThrow(/DATABASE_POOL_MAX: at least 10/);
    expect(loadConfig({ DATABASE_POOL_MAX: '10' }, 'embedded').databasePoolMax).toBe(10);
  });
});

describe('loadServiceConfig', () => {
  const tiplineLike = {
    checkSettings: (env: NodeJS.ProcessEnv, mode: string) =>
      mode === 'distributed' && !env.TIPLINE_MASTER_KEY ? ['TIPLINE_MASTER_KEY is required in distributed mode'] : [],
  };

  it('names the platform and the service settings missing in distributed mode, all at once', () => {
    let err: ConfigError | undefined;
    try {
      loadServiceConfig(tiplineLike, { LW_MODE: 'distributed' }, 'embedded');
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = err!.problems.join('\n');
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'AUTH_SECRET', 'TIPLINE_MASTER_KEY']) expect(text).toMatch(name);
  });

  it('asks nothing of the service in embedded mode', () => {
    expect(loadServiceConfig(tiplineLike, {}, 'embedded').mode).toBe('embedded');
  });

  it('accepts a complete distributed configuration', () => {
    const env = { LW_MODE: 'distributed', DATABASE_URL: 'postgres://u@db:5432/lw', KAFKA_BROKERS: 'k:9092', REDIS_URL: 'redis://r:6379', AUTH_SECRET: 'x'.repeat(32), TIPLINE_MASTER_KEY: 'k' };
    expect(loadServiceConfig(tiplineLike, env, 'embedded').mode).toBe('distributed');
  });
});
