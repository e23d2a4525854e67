import {
  BadRequestException,
  ForbiddenException,
  HttpException,
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
import { decodeJwt } from 'jose';
import { AuditLog } from '../audit/audit-log';
import { IDENTITY_STORE, type IdentityStore } from '../identity/identity-store';
import { isNodeCode } from '../node-code';
import type { Principal } from '../principal';
import { readClaim } from '../tokens/claim-names';
import { TOKEN_VERIFIER, TokenRejectedError, type TokenVerifier } from '../tokens/token-verifier';
import { SCOPE_CHECKER, type ScopeChecker } from '../scope/scope-checker';
import { scopeRefusal } from '../scope/scope-refusal';
import { SESSION_STORE, type SessionStore } from '../sessions/session-store';
import { clientIp, headerValue, type AuthRequest } from './auth-request';
import { correlationIdOf } from './correlation-id';
import { MESSAGES } from './messages';
import { ALLOWED_BEFORE_PASSWORD_CHANGE } from './password-change.decorator';
import { isSafeMethod, looksCrossSite, sessionCookieOf } from './session-cookie';
import type { SessionRequest } from './session-request';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { SCOPED_BY_KEY, type ScopeTarget } from './scoped-by.decorator';
import type { Role } from '../roles';

/**
 * Global guard: bearer token or session cookie → principal on the request (401); with the embedded
 * identity store, the token's session (`sid`) must be live: not logged out or revoked, account
 * enabled, not idle too long (401 登录已失效) — checked in the database on every request, no cache;
 * a cookie-borne request that changes state must carry the console's header (403); an account
 * that must change its password may do only that; then @Roles (403 无权执行此操作),
 * then every @ScopedBy code inside the user's node (404 该地区不存在或不在您的管辖范围内, the services'
 * one scope refusal: outside reads like missing). Denials are audited with the status they get,
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
    @Optional() @Inject(SESSION_STORE) private readonly sessions?: SessionStore,
    @Optional() @Inject(IDENTITY_STORE) private readonly identity?: IdentityStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message consumers and other transports authenticate differently (or not at all).
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<SessionRequest>();
    correlationIdOf(req);
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const principal = await this.authenticate(req);
    req.principal = principal;
    const mustChange = await this.checkSession(req, principal);
    if (req.viaCookie && !isSafeMethod(req.method) && looksCrossSite(req)) this.deny(req, principal, new ForbiddenException(MESSAGES.crossSite));
    if (mustChange && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      this.deny(req, principal, new ForbiddenException(MESSAGES.mustChangePassword));
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length && !required.some((r) => principal.roles.includes(r))) {
      this.deny(req, principal, new ForbiddenException(MESSAGES.forbidden));
    }

    const scoped: ScopeTarget[] = Reflect.getMetadata(SCOPED_BY_KEY, context.getHandler()) ?? [];
    for (const target of scoped) {
      const code = this.read(req, target);
      if (code === undefined) continue;
      req.auditTarget ??= code;
      if (!this.scope.isInside(code, principal.node)) this.deny(req, principal, scopeRefusal(code, principal.node), code);
    }
    return true;
  }

  /** An Authorization header wins; without one, the console's session cookie. */
  private async authenticate(req: SessionRequest): Promise<Principal> {
    const header = headerValue(req, 'authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const cookie = header ? undefined : sessionCookieOf(req);
    const token = match?.[1] ?? cookie;
    if (!token) throw new UnauthorizedException(MESSAGES.loginRequired);
    try {
      const principal = await this.verifier.verify(token);
      const sid = decodeJwt(token).sid;
      if (typeof sid === 'string') req.sessionId = sid;
      req.viaCookie = !match;
      return principal;
    } catch (err) {
      if (err instanceof TokenRejectedError) {
        throw new UnauthorizedException(err.reason === 'expired' ? MESSAGES.loginExpired : MESSAGES.loginRequired);
      }
      this.logger.error(`token verification unavailable: ${(err as Error).message}`);
      throw new ServiceUnavailableException(MESSAGES.authUnavailable);
    }
  }

  /**
   * Returns whether the account must change its password first. A token without a session (minted
   * with the secret for a machine client, or issued before sessions existed) is still refused once
   * the account it names is disabled. Without an identity store (an external IdP) tokens live until
   * they expire: revocation is the IdP's.
   */
  private async checkSession(req: SessionRequest, principal: Principal): Promise<boolean> {
    if (!this.sessions) return false;
    try {
      if (req.sessionId !== undefined) {
        const session = await this.sessions.live(req.sessionId);
        if (!session || session.userId !== principal.sub) throw new UnauthorizedException(MESSAGES.sessionEnded);
        return session.mustChangePassword;
      }
      const user = await this.identity?.findById(principal.sub);
      if (user?.disabled) throw new UnauthorizedException(MESSAGES.sessionEnded);
      return user?.mustChangePassword ?? false;
    } catch (err) {
      if (err instanceof UnauthorizedException) throw err;
      this.logger.error(`session check unavailable: ${(err as Error).message}`);
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

  private deny(req: AuthRequest, principal: Principal, refusal: HttpException, target?: string): never {
    this.audit?.recordInBackground({
      actorId: principal.sub,
      roles: principal.roles,
      node: principal.node,
      ip: clientIp(req),
      method: req.method,
      route: req.route?.path ?? 'unknown',
      status: refusal.getStatus(),
      target: target ?? req.auditTarget,
      correlationId: req.correlationId,
    });
    throw refusal;
  }
}
