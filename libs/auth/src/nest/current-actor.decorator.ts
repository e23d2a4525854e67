import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { toActor, type Principal } from '../principal';
import { clientIp, type AuthRequest } from './auth-request';
import { correlationIdOf } from './correlation-id';
import { MESSAGES } from './messages';

function principalOf(ctx: ExecutionContext): { req: AuthRequest; principal: Principal } {
  const req = ctx.switchToHttp().getRequest<AuthRequest>();
  if (!req.principal) throw new UnauthorizedException(MESSAGES.loginRequired);
  return { req, principal: req.principal };
}

/** The Actor to pass into every command, so the events it causes record who did it and from where. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const { req, principal } = principalOf(ctx);
  return toActor(principal, clientIp(req));
});

/** The verified principal (roles, node, dept). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext) => principalOf(ctx).principal);

/** The request's correlation id (caller's X-Correlation-Id or a generated one). */
export const CorrelationId = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  correlationIdOf(ctx.switchToHttp().getRequest<AuthRequest>()),
);
