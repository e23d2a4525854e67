import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditLog } from '../audit/audit-log';
import { isNodeCode } from '../node-code';
import type { Principal } from '../principal';
import { readClaim } from '../tokens/claim-names';
import { TOKEN_VERIFIER, TokenRejectedError, type TokenVerifier } from '../tokens/token-verifier';
import { SCOPE_CHECKER, type ScopeChecker } from '../scope/scope-checker';
import { clientIp, headerValue, type AuthRequest } from './auth-request';
import { correlationIdOf } from './correlation-id';
import { MESSAGES } from './messages';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { SCOPED_BY_KEY, type ScopeTarget } from './scoped-by.decorator';
import type { Role } from '../roles';

/**
 * Global guard: bearer token → principal on the request (401), then @Roles (403 无权执行此操作),
 * then every @ScopedBy code inside the user's node (403 超出您的管辖范围). Denials are audited,
 * since the audit interceptor never sees requests a guard stopped.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(SCOPE_CHECKER) private readonly scope: ScopeChecker,
    @Optional() @Inject(AuditLog) private readonly audit?: AuditLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message consumers and other transports authenticate differently (or not at all).
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthRequest>();
    correlationIdOf(req);
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const principal = await this.authenticate(req);
    req.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length && !required.some((r) => principal.roles.includes(r))) {
      this.deny(req, principal, MESSAGES.forbidden);
    }

    const scoped: ScopeTarget[] = Reflect.getMetadata(SCOPED_BY_KEY, context.getHandler()) ?? [];
    for (const target of scoped) {
      const code = this.read(req, target);
      if (code === undefined) continue;
      req.auditTarget ??= code;
      if (!this.scope.isInside(code, principal.node)) this.deny(req, principal, MESSAGES.outOfScope, code);
    }
    return true;
  }

  private async authenticate(req: AuthRequest): Promise<Principal> {
    const header = headerValue(req, 'authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException(MESSAGES.loginRequired);
    try {
      return await this.verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof TokenRejectedError) {
        throw new UnauthorizedException(err.reason === 'expired' ? MESSAGES.loginExpired : MESSAGES.loginRequired);
      }
      this.logger.error(`token verification unavailable: ${(err as Error).message}`);
      throw new ServiceUnavailableException(MESSAGES.authUnavailable);
    }
  }

  private read(req: AuthRequest, target: ScopeTarget): string | undefined {
    const bag = target.source === 'body' ? req.body : target.source === 'query' ? req.query : req.params;
    const value = bag && typeof bag === 'object' ? readClaim(bag as Record<string, unknown>, target.key) : undefined;
    if ((value === undefined || value === '') && target.optional) return undefined;
    if (!isNodeCode(value)) throw new BadRequestException(MESSAGES.badScopeCode);
    return value;
  }

  private deny(req: AuthRequest, principal: Principal, message: string, target?: string): never {
    this.audit?.recordInBackground({
      actorId: principal.sub,
      roles: principal.roles,
      node: principal.node,
      ip: clientIp(req),
      method: req.method,
      route: req.route?.path ?? 'unknown',
      status: 403,
      target: target ?? req.auditTarget,
      correlationId: req.correlationId,
    });
    throw new ForbiddenException(message);
  }
}
