import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { CORRELATION_HEADER, correlationIdFrom, runWithCorrelation } from './correlation-context';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  correlationId?: string;
}
interface Res {
  setHeader(name: string, value: string): void;
}

/**
 * Express middleware, first in line: takes the caller's x-correlation-id (or makes one), echoes it
 * on the response and runs the rest of the request inside its context.
 */
export function correlationMiddleware(req: Req, res: Res, next: () => void): void {
  const id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
  req.correlationId = id;
  res.setHeader(CORRELATION_HEADER, id);
  runWithCorrelation(id, next);
}

/**
 * Body parsing resumes the request from the socket's own async context, which loses the one the
 * middleware entered; the handler is therefore run inside it again, from the id kept on the request.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Req>();
    const id = req?.correlationId;
    if (!id) return next.handle();
    return new Observable((subscriber) => runWithCorrelation(id, () => next.handle().subscribe(subscriber)));
  }
}
