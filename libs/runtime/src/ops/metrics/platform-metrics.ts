import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { outboxBacklog, projectionLags } from '@lw/eventstore';
import { ConsumerReading, isObservableBus } from '@lw/messaging';
import type { ServiceKernel } from '../../service-kernel';
import { withTimeout } from '../with-timeout';
import { httpDurationHistogram } from './http-metrics';
import { leaderSamples } from './leader-readings';
import { Sample, scrapeGauge } from './scrape-gauge';
import { sharedReading } from './shared-reading';

export interface PlatformMetrics {
  registry: Registry;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
}

/** A scrape must answer within Prometheus's default 10 s timeout even when Kafka does not. */
const READ_TIMEOUT_MS = 3000;

/**
 * The metrics of one process: one registry for whatever services it hosts (four in embedded mode,
 * one in distributed mode). Every gauge is read at scrape time with a cheap query.
 */
export function createPlatformMetrics(kernels: readonly ServiceKernel[]): PlatformMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const failures = new Counter({
    name: 'lw_metrics_read_failures_total',
    help: 'Scrape-time readings that failed or timed out, by metric',
    labelNames: ['metric'],
    registers: [registry],
  });
  const onFailure = (metric: string): void => failures.inc({ metric });
  const perService = async (read: (k: ServiceKernel) => Promise<Sample[]>): Promise<Sample[]> =>
    (await Promise.all(kernels.map((k) => withTimeout(read(k), READ_TIMEOUT_MS, `${k.name} reading`)))).flat();

  const outbox = sharedReading(() =>
    Promise.all(kernels.map(async (k) => ({ service: k.name, backlog: await withTimeout(outboxBacklog(k.pool), READ_TIMEOUT_MS, `${k.name} outbox`) }))),
  );
  scrapeGauge(registry, { name: 'lw_outbox_unsent', help: 'Outbox rows not yet published, per service', labelNames: ['service'] }, async () =>
    (await outbox()).map((o) => ({ labels: { service: o.service }, value: o.backlog.unsent })), onFailure);
  scrapeGauge(registry, { name: 'lw_outbox_oldest_unsent_seconds', help: 'Age of the oldest unpublished outbox row, per service', labelNames: ['service'] }, async () =>
    (await outbox()).map((o) => ({ labels: { service: o.service }, value: o.backlog.oldestUnsentSeconds })), onFailure);
  scrapeGauge(registry, { name: 'lw_outbox_relay_active', help: '1 where this process runs the service\'s outbox relay (one per service across replicas)', labelNames: ['service'] }, async () =>
    kernels.map((k) => ({ labels: { service: k.name }, value: k.relayActiveHere() ? 1 : 0 })), onFailure);

  scrapeGauge(registry, { name: 'lw_leader', help: '1 where this process leads the loop (outbox relay, projector:<name>); one leader per loop across replicas', labelNames: ['service', 'loop'] }, () =>
    perService(leaderSamples), onFailure);

  scrapeGauge(registry, { name: 'lw_projection_lag_events', help: 'Events committed after a projection\'s checkpoint (counted up to 100000)', labelNames: ['service', 'projection'] }, () =>
    perService(async (k) => (await projectionLags(k.pool)).map((p) => ({ labels: { service: k.name, projection: p.projection }, value: p.behind }))), onFailure);

  const consumers = sharedReading(() => consumerReadings(kernels));
  const consumerGauge = (name: string, help: string, pick: (r: ConsumerReading) => number | null): void => {
    scrapeGauge(registry, { name, help, labelNames: ['consumer'] }, async () =>
      (await consumers()).flatMap((r) => {
        const value = pick(r);
        return value === null ? [] : [{ labels: { consumer: r.consumer }, value }];
      }), onFailure);
  };
  consumerGauge('lw_consumer_lag_messages', 'Integration events published but not yet handled, per consuming service', (r) => r.lag);
  consumerGauge('lw_consumer_in_flight', 'Integration events being handled by this process now, per consuming service', (r) => r.inFlight);
  consumerGauge('lw_dead_letters', 'Integration events given up and dead-lettered, per consuming service', (r) => r.deadLetters);

  for (const k of kernels) {
    for (const m of k.metrics()) {
      scrapeGauge(registry, { name: m.name, help: m.help, labelNames: [] }, async () => [{ labels: {}, value: await withTimeout(m.read(), READ_TIMEOUT_MS, m.name) }], onFailure);
    }
  }
  return { registry, httpDuration: httpDurationHistogram(registry) };
}

/** Kernels sharing a bus (embedded mode: one in-process bus for four services) are read in one call. */
async function consumerReadings(kernels: readonly ServiceKernel[]): Promise<ConsumerReading[]> {
  const byBus = new Map<unknown, string[]>();
  for (const k of kernels) {
    const consumer = k.consumerName();
    if (consumer && isObservableBus(k.bus)) byBus.set(k.bus, [...(byBus.get(k.bus) ?? []), consumer]);
  }
  const results = await Promise.all(
    [...byBus].map(([bus, names]) => (isObservableBus(bus) ? withTimeout(bus.consumerReadings(names), READ_TIMEOUT_MS, 'consumer readings') : [])),
  );
  return results.flat();
}
