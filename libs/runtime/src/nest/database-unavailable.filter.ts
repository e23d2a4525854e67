import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { isTransientInfrastructureError } from '@lw/messaging';

/** Seconds a client is asked to wait: a database restart or fail-over takes a few. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The service's database unreachable (restart, fail-over, connections exhausted) is a passing
 * outage, not a fault of the request: 503 with Retry-After and a Chinese message, so users and
 * load balancers retry, instead of a bare 500. Anything else goes to Nest's default handling.
 * Registered before DomainErrorFilter: Nest tries the last-registered global filter first.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  override catch(err: unknown, host: ArgumentsHost): void {
    if (!isTransientInfrastructureError(err)) return super.catch(err, host);
    const res = host.switchToHttp().getResponse();
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, code: 'service.unavailable', message: '系统暂时无法处理请求，请稍后再试' });
  }
}
