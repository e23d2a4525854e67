import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Optional,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { IDENTITY_STORE, principalOf, type IdentityStore, type User } from '../identity/identity-store';
import type { Principal } from '../principal';
import { ROLES } from '../roles';
import { TokenIssuer } from '../tokens/token-issuer';
import { clientIp, headerValue } from './auth-request';
import { CurrentPrincipal } from './current-actor.decorator';
import { loginSchema, passwordChangeSchema } from './login.dto';
import { MESSAGES } from './messages';
import { AllowedBeforePasswordChange } from './password-change.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { sessionCookies, type CookieSecurity } from './session-cookie';
import type { SessionRequest } from './session-request';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  node: string;
  dept: string | null;
  mustChangePassword: boolean;
}

export interface LoginResponse {
  /** For API clients (Authorization: Bearer); the console uses the HttpOnly cookie set alongside. */
  token: string;
  expiresAt: string;
  user: UserView;
}

/** How the session cookie is marked Secure (AuthModuleOptions.cookieSecurity). */
export const COOKIE_SECURITY = Symbol('COOKIE_SECURITY');

/** The parts of the (Express) response the controller uses. */
interface CookieResponse {
  setHeader(name: string, value: string | string[]): unknown;
}

function view(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    node: user.node,
    dept: user.dept,
    mustChangePassword: user.mustChangePassword,
  };
}

function tooMany(retryAfterSeconds: number): HttpException {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message: MESSAGES.throttled(minutes), retryAfterSeconds }, HttpStatus.TOO_MANY_REQUESTS);
}

const busy = () => new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message: MESSAGES.busy }, HttpStatus.TOO_MANY_REQUESTS);

/** Logins against the embedded identity store; registered only when AuthModule is given one. */
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_STORE) private readonly store: IdentityStore,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Optional() @Inject(COOKIE_SECURITY) private readonly cookieSecurity: CookieSecurity = 'auto',
  ) {}

  /**
   * Opens a server-side session; its id travels in the token (`sid`), returned for API clients and
   * set as the console's HttpOnly cookie. A cross-site login form is refused (login CSRF).
   */
  @Public({ staffSignIn: true })
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: SessionRequest, @Res({ passthrough: true }) res: CookieResponse): Promise<LoginResponse> {
    const site = headerValue(req, 'sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') throw new ForbiddenException(MESSAGES.crossSite);
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(MESSAGES.badLogin);
    const result = await this.store.verifyPassword(parsed.data.username, parsed.data.password, clientIp(req));
    if (!result.ok) {
      switch (result.reason) {
        case 'throttled':
          res.setHeader('Retry-After', String(result.retryAfterSeconds));
          throw tooMany(result.retryAfterSeconds);
        case 'busy':
          res.setHeader('Retry-After', '1');
          throw busy();
        case 'disabled':
          throw new ForbiddenException(MESSAGES.disabled);
        default:
          throw new UnauthorizedException(MESSAGES.wrongCredentials);
      }
    }
    // The audit row of this POST then names whose account logged in.
    req.auditTarget = result.user.id;
    const sid = await this.store.sessions.open(result.user.id, new Date(Date.now() + this.issuer.ttlSeconds * 1000));
    const { token, expiresAt } = await this.issuer.issue(principalOf(result.user), { sid });
    res.setHeader('Set-Cookie', sessionCookies(req, token, (expiresAt.getTime() - Date.now()) / 1000, this.cookieSecurity));
    return { token, expiresAt: expiresAt.toISOString(), user: view(result.user) };
  }

  /** Ends the current session (the token and the cookie stop working at once) and clears the cookie. */
  @Post('logout')
  @Roles(...ROLES)
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  async logout(@Req() req: SessionRequest, @Res({ passthrough: true }) res: CookieResponse): Promise<void> {
    if (req.sessionId) await this.store.sessions.revoke(req.sessionId);
    res.setHeader('Set-Cookie', sessionCookies(req, null, 0, this.cookieSecurity));
  }

  /** Current and new password; every other session of the account ends, this one stays. */
  @Post('password')
  @Roles(...ROLES)
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  async changePassword(@Body() body: unknown, @Req() req: SessionRequest, @CurrentPrincipal() principal: Principal): Promise<void> {
    const parsed = passwordChangeSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(MESSAGES.badPasswordChange);
    req.auditTarget = principal.sub;
    const result = await this.store.changePassword(principal.sub, parsed.data.currentPassword, parsed.data.newPassword, {
      source: clientIp(req),
      keepSession: req.sessionId,
    });
    if (result.ok) return;
    switch (result.reason) {
      case 'throttled':
        throw tooMany(result.retryAfterSeconds);
      case 'busy':
        throw busy();
      case 'weak':
        throw new UnprocessableEntityException(result.problem);
      default:
        throw new ForbiddenException(MESSAGES.wrongCurrentPassword);
    }
  }

  @Get('me')
  @Roles(...ROLES)
  @AllowedBeforePasswordChange()
  async me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    const user = await this.store.findById(principal.sub);
    if (!user || user.disabled) throw new UnauthorizedException(MESSAGES.loginRequired);
    return view(user);
  }
}
