import pino, { DestinationStream, Logger } from 'pino';
import { currentCorrelationId } from './ops/correlation-context';

/**
 * Field names that may hold a reporter's identity or a credential. Whatever path they appear at,
 * pino replaces the value before the line is written: a logging mistake elsewhere cannot leak them.
 */
export const REDACTED_KEYS = [
  'password',
  'authorization',
  'token',
  'reporter',
  'reporterName',
  'reporterPhone',
  'reporterIdNumber',
  'contact',
  'phone',
  'idNumber',
  'citizenId',
  'receiptCode',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

/** Structured JSON logs, one line per event, English messages, service and correlation id as fields. */
export function createLogger(options: { service: string; level?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      // Every line written while a request or a consumed event is handled names its correlation id.
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    options.destination,
  );
}
export type { Logger };
