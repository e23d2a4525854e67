import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { DomainConflictError, DomainError, DomainForbiddenError, DomainNotFoundError, DomainRateLimitError, DomainValidationError } from '@lw/domain';
import { WrongExpectedVersionError } from '@lw/eventstore';

/**
 * Domain errors are the user's input or a race, never a server fault: each maps to its 4xx with the
 * Chinese message for the clerk and a stable code for programs. The English detail stays in logs.
 */
@Catch(DomainError, WrongExpectedVersionError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(err: DomainError | WrongExpectedVersionError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    if (err instanceof WrongExpectedVersionError) {
      res.status(HttpStatus.CONFLICT).json({ statusCode: 409, code: 'concurrency.conflict', message: '该事项刚被他人修改，请刷新后重试' });
      return;
    }
    const status = statusOf(err);
    if (err instanceof DomainRateLimitError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.status(status).json({ statusCode: status, code: err.code, message: err.messageZh });
  }
}

function statusOf(err: DomainError): number {
  if (err instanceof DomainConflictError) return HttpStatus.CONFLICT;
  if (err instanceof DomainNotFoundError) return HttpStatus.NOT_FOUND;
  if (err instanceof DomainForbiddenError) return HttpStatus.FORBIDDEN;
  if (err instanceof DomainRateLimitError) return HttpStatus.TOO_MANY_REQUESTS;
  if (err instanceof DomainValidationError) return HttpStatus.UNPROCESSABLE_ENTITY;
  return HttpStatus.UNPROCESSABLE_ENTITY;
}
