import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '@lw/auth';
import type { HealthReport, ServiceKernel } from '../service-kernel';
import { KERNEL } from './kernel.token';

/** GET /<service>/health: 200 when the service's database answers, 503 otherwise (for probes). */
@Controller('health')
export class HealthController {
  constructor(@Inject(KERNEL) private readonly kernel: ServiceKernel) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<HealthReport> {
    const report = await this.kernel.health();
    if (report.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
