import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

export const IS_PUBLIC_KEY = 'lw:auth:public';
export const STAFF_SIGN_IN_KEY = 'lw:auth:staff-sign-in';

export interface PublicOptions {
  /**
   * A staff sign-in (login): open to anyone, but whoever uses it is an official, so its audit row
   * keeps the source address and correlation id (forensics on guessed passwords). Never on a route a
   * reporter uses.
   */
  staffSignIn?: boolean;
}

/**
 * Open to the unauthenticated public (tip submission, receipt-code lookups, login). Unless marked a
 * staff sign-in, such a request is anonymous: it leaves no address, user agent or correlation id in
 * any table or log line, and what it causes carries a correlation id of its own (see
 * isAnonymousRoute and its users: AuditInterceptor, the runtime's CorrelationInterceptor).
 */
export const Public = (options: PublicOptions = {}) =>
  options.staffSignIn ? applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), SetMetadata(STAFF_SIGN_IN_KEY, true)) : SetMetadata(IS_PUBLIC_KEY, true);

const reflector = new Reflector();

/** A public route that is not a staff sign-in: the request must stay unlinkable to its source. */
export function isAnonymousRoute(context: ExecutionContext): boolean {
  const targets = [context.getHandler(), context.getClass()];
  return !!reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) && !reflector.getAllAndOverride<boolean>(STAFF_SIGN_IN_KEY, targets);
}
