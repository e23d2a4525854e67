import { Histogram, Registry } from 'prom-client';

interface Req {
  method: string;
  baseUrl?: string;
  route?: { path?: unknown };
}
interface Res {
  statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** Seconds; from a 5 ms health answer to a 10 s export. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function httpDurationHistogram(registry: Registry): Histogram<'route' | 'method' | 'status'> {
  return new Histogram({
    name: 'lw_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
}

/**
 * Times every request. The route label is the matched template (/tipline/tips/:id), never the raw
 * path: ids and receipt codes must not become label values (cardinality, and privacy).
 */
export function httpMetricsMiddleware(histogram: Histogram<'route' | 'method' | 'status'>) {
  return (req: Req, res: Res, next: () => void): void => {
    const end = histogram.startTimer();
    let done = false;
    const observe = (): void => {
      if (done) return;
      done = true;
      const template = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      end({ route: template, method: req.method, status: String(res.statusCode) });
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
