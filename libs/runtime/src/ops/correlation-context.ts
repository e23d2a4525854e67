import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';

/**
 * The correlation id of the work in progress (an HTTP request, or a consumed integration event),
 * kept in async-local storage so log lines and the integration events produced along the way can
 * carry it without every function passing it on.
 */
const storage = new AsyncLocalStorage<{ correlationId?: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function runWithCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/**
 * Ends the correlation `id` of the work in progress, for everything still to run in it (an anonymous
 * public request, once routed): from here on log lines carry no id, and the integration events it
 * causes keep their own fresh one (see CorrelatingEventStore). Any other context is left alone.
 */
export function dropCorrelation(id: string | undefined): void {
  const store = storage.getStore();
  if (store && id !== undefined && store.correlationId === id) delete store.correlationId;
}

/** Runs fn with no correlation id, whatever the caller's context had. */
export function runUncorrelated<T>(fn: () => T): T {
  return storage.run({}, fn);
}

/** Ids from outside are kept only if short and plain: they end up in logs and Kafka headers. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's id when acceptable, else a fresh one. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
