/**
 * Errors that say "the consumer's database is unreachable", not "this message is bad". Counting
 * them as failed attempts would dead-letter every message during a database outage, so the buses
 * redeliver such messages later without spending an attempt.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function isTransientInfrastructureError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    return err instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(err.message);
  }
  return (
    SOCKET_CODES.has(code) ||
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin shutdown
    code === '57P02' || // crash shutdown
    code === '57P03' || // cannot connect now (starting up)
    code === '53300' // too many connections
  );
}
