import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '@lw/auth';
import type { ServiceKernel } from '../service-kernel';
import type { ReadinessReport } from '../ops/readiness';
import { KERNEL } from './kernel.token';

/** What anyone may see: each dependency's name and whether it answered, never the driver's error text. */
export type PublicReadinessReport = Omit<ReadinessReport, 'checks'> & { checks: Record<string, { ok: boolean }> };

/**
 * GET /<service>/ready: 200 when the replica should receive traffic (its database, and in
 * distributed mode Kafka and Redis, answer), 503 naming the failed dependency, and 503 while
 * draining on shutdown. Liveness stays on /health: a Kafka outage must not get pods restarted.
 */
@Controller('ready')
export class ReadyController {
  constructor(@Inject(KERNEL) private readonly kernel: ServiceKernel) {}

  @Public()
  @Get()
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<PublicReadinessReport> {
    const report = await this.kernel.readiness();
    const checks: Record<string, { ok: boolean }> = {};
    for (const [name, result] of Object.entries(report.checks)) {
      checks[name] = { ok: result.ok };
      // Broker addresses, host names and driver messages go to the log only: the endpoint is public.
      if (!result.ok) this.kernel.logger.warn({ check: name, error: result.error }, 'readiness check failed');
    }
    if (report.status !== 'ready') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { service: report.service, status: report.status, draining: report.draining, checks };
  }
}
