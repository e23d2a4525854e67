import pino from 'pino';

/** The part of a pino logger the buses use; pass `pino({ level: 'silent' })` in tests. */
export type BusLogger = Pick<pino.Logger, 'info' | 'warn' | 'error'>;

export function defaultBusLogger(): BusLogger {
  return pino({ name: 'messaging', level: process.env.LOG_LEVEL ?? 'info' });
}
