import { Gauge, Registry } from 'prom-client';

export type Sample = { labels: Record<string, string>; value: number };

/**
 * A gauge whose samples are read when Prometheus scrapes, never on a request's path. A reading
 * that fails leaves its samples out of this scrape (an absent series, not a false zero) and is
 * counted in lw_metrics_read_failures.
 */
export function scrapeGauge(
  registry: Registry,
  spec: { name: string; help: string; labelNames: string[] },
  read: () => Promise<Sample[]>,
  onFailure: (metric: string, err: unknown) => void,
): Gauge<string> {
  return new Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const s of await read()) this.set(s.labels, s.value);
      } catch (err) {
        onFailure(spec.name, err);
      }
    },
  });
}
