import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { DomainValidationError } from '@lw/domain';

/** A broken domain rule is the user's input, not a server fault: 422 with the Chinese message. */
@Catch(DomainValidationError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(err: DomainValidationError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    res.status(HttpStatus.UNPROCESSABLE_ENTITY).json({ statusCode: 422, code: err.code, message: err.messageZh });
  }
}
