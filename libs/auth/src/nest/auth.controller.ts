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
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { IDENTITY_STORE, principalOf, type IdentityStore, type User } from '../identity/identity-store';
import type { Principal } from '../principal';
import { TokenIssuer } from '../tokens/token-issuer';
import type { AuthRequest } from './auth-request';
import { CurrentPrincipal } from './current-actor.decorator';
import { loginSchema } from './login.dto';
import { MESSAGES } from './messages';
import { Public } from './public.decorator';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  node: string;
  dept: string | null;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: UserView;
}

function view(user: User): UserView {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, node: user.node, dept: user.dept };
}

/** Logins against the embedded identity store; registered only when AuthModule is given one. */
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_STORE) private readonly store: IdentityStore,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: AuthRequest): Promise<LoginResponse> {
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(MESSAGES.badLogin);
    const result = await this.store.verifyPassword(parsed.data.username, parsed.data.password);
    if (!result.ok) {
      switch (result.reason) {
        case 'locked': {
          const minutes = Math.max(1, Math.ceil((result.lockedUntil.getTime() - Date.now()) / 60_000));
          throw new HttpException(
            { statusCode: HttpStatus.LOCKED, message: MESSAGES.locked(minutes), lockedUntil: result.lockedUntil.toISOString() },
            HttpStatus.LOCKED,
          );
        }
        case 'disabled':
          throw new ForbiddenException(MESSAGES.disabled);
        default:
          throw new UnauthorizedException(MESSAGES.wrongCredentials);
      }
    }
    // The audit row of this POST then names whose account logged in.
    req.auditTarget = result.user.id;
    const { token, expiresAt } = await this.issuer.issue(principalOf(result.user));
    return { token, expiresAt: expiresAt.toISOString(), user: view(result.user) };
  }

  @Get('me')
  async me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    const user = await this.store.findById(principal.sub);
    if (!user || user.disabled) throw new UnauthorizedException(MESSAGES.loginRequired);
    return view(user);
  }
}
