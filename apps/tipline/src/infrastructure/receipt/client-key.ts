import { createHmac, randomBytes } from 'crypto';

/**
 * The rate limiters' key for a public client's address. A plain hash of an IPv4 address is reversed
 * by trying all 2^32 of them, and the counters' rows carry the instant of each tip and lookup; keyed
 * with a secret that lives only in this process's memory, the rows name no address to anyone holding
 * the database. The secret is new at every start (counters then begin afresh) and differs between
 * replicas (each counts its own share of a client's requests).
 */
const SECRET = randomBytes(32);

export function clientKey(address: string | undefined): string {
  return createHmac('sha256', SECRET).update(address ?? 'unknown').digest('hex').slice(0, 32);
}
