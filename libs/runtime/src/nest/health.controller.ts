import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '@lw/auth';
import type { ServiceName } from '../services';
import type { ServiceKernel } from '../service-kernel';
import { KERNEL } from './kernel.token';

/** What anyone may see: each check's name and whether it passed, never the driver's error text. */
export interface PublicHealthReport {
  service: ServiceName;
  status: 'ok' | 'down';
  checks: { database: { ok: boolean }; outbox: { ok: boolean; relayActiveHere: boolean } };
}

/** GET /<service>/health: 200 when the service's database answers, 503 otherwise (for probes). */
@Controller('health')
export class HealthController {
  constructor(@Inject(KERNEL) private readonly kernel: ServiceKernel) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<PublicHealthReport> {
    const report = await this.kernel.health();
    const { database, outbox } = report.checks;
    // The reason (host names, user names, driver messages) goes to the log only: the endpoint is public.
    if (database.error) this.kernel.logger.warn({ check: 'database', error: database.error }, 'health check failed');
    if (report.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      service: report.service,
      status: report.status,
      checks: { database: { ok: database.ok }, outbox: { ok: outbox.ok, relayActiveHere: outbox.relayActiveHere } },
    };
  }
}
