import { isIP } from 'net';

/**
 * Which proxies in front of the service may name the client (X-Forwarded-For), as express's
 * `trust proxy` takes it: false (none: the socket's peer is the client), a hop count (the ingress and
 * any load balancer before it), or the proxies' addresses / subnets. Behind an ingress with `false`,
 * every public user looks like the ingress and shares one rate-limit key; trusting too much lets a
 * client pick its own address with a forged header, so "true" (trust anyone) is refused.
 */
export type TrustProxy = false | number | string[];

/** express's names for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as the operator wrote it → the setting, or a problem for ConfigError (which names the variable). */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  const text = (raw ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? { value: hops } : { problem: `${hops} hops is implausible (at most 10)` };
  }
  if (text === 'true') return { problem: '"true" would let any client forge its address: give the hop count or the proxies\' addresses' };
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length) {
    return { problem: `not a hop count, address, subnet or one of loopback/linklocal/uniquelocal: ${bad.join(', ')}` };
  }
  return { value: entries };
}

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
