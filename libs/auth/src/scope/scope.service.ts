import { Inject, Injectable } from '@nestjs/common';
import { assertInScope } from './assert-in-scope';
import { SCOPE_CHECKER, type ScopeChecker } from './scope-checker';

/** Scope checks inside handlers with the checker AuthModule was configured with. */
@Injectable()
export class ScopeService {
  constructor(@Inject(SCOPE_CHECKER) private readonly checker: ScopeChecker) {}

  isInScope(who: { node: string }, code: string): boolean {
    return this.checker.isInside(code, who.node);
  }

  /** Throws the scope refusal (404 该地区不存在或不在您的管辖范围内) when the code lies outside the user's subtree. */
  assert(who: { node: string }, code: string): void {
    assertInScope(who, code, this.checker);
  }
}
