import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { isAnonymousRoute, markAnonymous } from '@lw/auth';
import { CORRELATION_HEADER, correlationIdFrom, dropCorrelation, runUncorrelated, runWithCorrelation } from './correlation-context';

interface Req {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  correlationId?: string;
  /** The id the middleware entered (the auth lib may clear correlationId first, see markAnonymous). */
  enteredCorrelationId?: string;
}
interface Res {
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
  headersSent?: boolean;
}

/**
 * Express middleware, first in line: takes the caller's x-correlation-id (or makes one), echoes it
 * on the response and runs the rest of the request inside its context.
 */
export function correlationMiddleware(req: Req, res: Res, next: () => void): void {
  const id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
  req.correlationId = id;
  req.enteredCorrelationId = id;
  res.setHeader(CORRELATION_HEADER, id);
  runWithCorrelation(id, next);
}

/**
 * Body parsing resumes the request from the socket's own async context, which loses the one the
 * middleware entered; the handler is therefore run inside it again, from the id kept on the request.
 *
 * An anonymous public request (a tip, a receipt lookup or reply) is routed before anything about it
 * is written: its id is dropped (not echoed, not on any later log line) and its handler runs with
 * none, so the events it causes get fresh correlation ids that nothing recorded about the request shares.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Req>();
    if (isAnonymousRoute(context)) {
      markAnonymous(req, context.switchToHttp().getResponse<Res>());
      dropCorrelation(req.enteredCorrelationId);
      return new Observable((subscriber) => runUncorrelated(() => next.handle().subscribe(subscriber)));
    }
    const id = req?.correlationId;
    if (!id) return next.handle();
    return new Observable((subscriber) => runWithCorrelation(id, () => next.handle().subscribe(subscriber)));
  }
}
