import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { isTransientInfrastructureError } from '@lw/messaging';

/** PostgreSQL's SQLSTATE for a statement the role has no right to run. */
const INSUFFICIENT_PRIVILEGE = '42501';

/** Seconds a client is asked to wait: a database restart or fail-over takes a few. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The service's database unreachable (restart, fail-over, connections exhausted) is a passing
 * outage, not a fault of the request: 503 with Retry-After and a Chinese message, so users and
 * load balancers retry, instead of a bare 500. A statement the service's database role may not run
 * is a 403. Anything else goes to Nest's default handling.
 * Registered before DomainErrorFilter: Nest tries the last-registered global filter first.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('DatabaseUnavailableFilter');

  override catch(err: unknown, host: ArgumentsHost): void {
    if ((err as { code?: unknown } | null)?.code === INSUFFICIENT_PRIVILEGE) {
      // The service's database role may not do this (README "Database roles": e.g. a password
      // change sent to a service other than the one that owns it): a refusal, not a fault.
      this.logger.warn(`database refused the service's role: ${(err as Error).message}`);
      host.switchToHttp().getResponse().status(HttpStatus.FORBIDDEN).json({ statusCode: 403, code: 'service.forbidden', message: '本服务无权执行此操作，请通过系统入口访问' });
      return;
    }
    if (!isTransientInfrastructureError(err)) return super.catch(err, host);
    const res = host.switchToHttp().getResponse();
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, code: 'service.unavailable', message: '系统暂时无法处理请求，请稍后再试' });
  }
}
