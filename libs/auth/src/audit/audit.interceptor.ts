import { Inject, Injectable, Logger, Optional, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { clientIp, type AuthRequest } from '../nest/auth-request';
import { correlationIdOf, markAnonymous } from '../nest/correlation-id';
import { isAnonymousRoute } from '../nest/public.decorator';
import { AuditLog } from './audit-log';

interface AuditResponse {
  statusCode: number;
  writableFinished: boolean;
  headersSent?: boolean;
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
  once(event: 'close', listener: () => void): void;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every state-changing request (who, when, ip, method, route pattern, final status,
 * correlation id) once the response is done, so the status is the one the client really got.
 * Never the body or the query string. Also echoes the correlation id on every response.
 *
 * Anonymous (public, reporter-facing) requests are not audited at all, and get no correlation id:
 * a row for them could only say "someone, from this address, at this instant, did something on the
 * public page" — nothing attributable, but exactly what links an anonymous tip to a network identity
 * (by the correlation id its events carried, or by the instant). What happened is in the tip's own
 * history; how often the public routes answer what is in the route/status metrics.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(@Optional() @Inject(AuditLog) private readonly audit?: AuditLog) {
    if (!audit) this.logger.warn('no AuditLog configured: requests are not audited');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const res = context.switchToHttp().getResponse<AuditResponse>();
    if (isAnonymousRoute(context)) {
      markAnonymous(req, res);
      return next.handle();
    }
    const correlationId = correlationIdOf(req);
    res.setHeader('X-Correlation-Id', correlationId);
    const audit = this.audit;
    if (audit && !READS.has(req.method.toUpperCase())) {
      res.once('close', () => {
        const p = req.principal;
        audit.recordInBackground({
          actorId: p?.sub ?? null,
          roles: p?.roles ?? [],
          node: p?.node ?? null,
          ip: clientIp(req),
          method: req.method,
          route: req.route?.path ?? 'unknown',
          // 499: the client went away before the answer was written.
          status: res.writableFinished ? res.statusCode : 499,
          target: req.auditTarget,
          correlationId,
        });
      });
    }
    return next.handle();
  }
}
