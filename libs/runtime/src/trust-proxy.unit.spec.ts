import { ConfigError, loadConfig } from './config';
import { parseTrustProxy } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default (forwarded headers ignored)', () => {
    expect(loadConfig({}, 'embedded').trustProxy).toBe(false);
    for (const off of ['', 'false', '0', '  ']) expect(parseTrustProxy(off)).toEqual({ value: false });
  });

  it('takes a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }, 'embedded').trustProxy).toBe(2);
  });

  it('takes addresses, subnets and express range names', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.4 ,loopback,fd00::/8,::1' }, 'embedded').trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.4',
      'loopback',
      'fd00::/8',
      '::1',
    ]);
  });

  it('refuses "true" (any client could forge its address), implausible hop counts and anything else, naming the setting', () => {
    for (const bad of ['true', '11', 'ingress.local', '10.0.0.0/33', '10.0.0.1/8/1', 'yes']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, 'embedded')).toThrow(ConfigError);
      try {
        loadConfig({ TRUST_PROXY: bad }, 'embedded');
      } catch (e) {
        expect((e as ConfigError).problems.join()).toMatch(/TRUST_PROXY/);
      }
    }
  });
});
