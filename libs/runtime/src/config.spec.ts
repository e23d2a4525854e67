import { ConfigError, loadConfig } from './config';

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
  });
});
