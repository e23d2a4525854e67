import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '@lw/auth';
import type { ServiceKernel } from '../service-kernel';
import type { ReadinessReport } from '../ops/readiness';
import { KERNEL } from './kernel.token';

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
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<ReadinessReport> {
    const report = await this.kernel.readiness();
    if (report.status !== 'ready') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
