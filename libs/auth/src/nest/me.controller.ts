import { Controller, Get } from '@nestjs/common';
import type { Principal } from '../principal';
import { ROLES } from '../roles';
import { CurrentPrincipal } from './current-actor.decorator';
import { Roles } from './roles.decorator';

/** GET /auth/me where tokens come from an external IdP: the principal as the token states it. */
@Controller('auth')
export class TokenMeController {
  @Get('me')
  @Roles(...ROLES)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
