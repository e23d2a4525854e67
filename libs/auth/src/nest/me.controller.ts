import { Controller, Get } from '@nestjs/common';
import type { Principal } from '../principal';
import { CurrentPrincipal } from './current-actor.decorator';

/** GET /auth/me where tokens come from an external IdP: the principal as the token states it. */
@Controller('auth')
export class TokenMeController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
