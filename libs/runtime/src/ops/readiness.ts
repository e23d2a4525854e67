import { withTimeout } from './with-timeout';

/** One dependency a replica needs before it should receive traffic (database, Kafka, Redis). */
export interface DependencyCheck {
  name: string;
  /** Resolves when the dependency answers now; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

export interface ReadinessReport {
  service: string;
  status: 'ready' | 'not_ready';
  /** True from the moment shutdown began: the load balancer must stop sending requests. */
  draining: boolean;
  checks: Record<string, CheckResult>;
}

/** Long enough for a loaded database, short enough that the probe (timeout 5 s) still gets an answer. */
export const CHECK_TIMEOUT_MS = 2000;

/** Runs every check in parallel, each bounded in time; ready only if all pass and not draining. */
export async function readinessOf(service: string, checks: readonly DependencyCheck[], draining: boolean, timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, CheckResult]> => {
      const t0 = performance.now();
      try {
        await withTimeout(c.check(), timeoutMs, c.name);
        return [c.name, { ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 }];
      } catch (err) {
        return [c.name, { ok: false, error: (err as Error)?.message ?? String(err) }];
      }
    }),
  );
  const ok = !draining && results.every(([, r]) => r.ok);
  return { service, status: ok ? 'ready' : 'not_ready', draining, checks: Object.fromEntries(results) };
}
