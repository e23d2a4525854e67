import { ForbiddenException } from '@nestjs/common';
import { MESSAGES } from '../nest/messages';
import { PrefixScopeChecker } from './prefix-scope-checker';
import type { ScopeChecker } from './scope-checker';

const prefixChecker = new PrefixScopeChecker();

/**
 * For handlers that load a resource and only then know its village: 403 unless the code lies in the
 * user's subtree. Prefer ScopeService, which uses the configured (tree-backed) checker.
 */
export function assertInScope(who: { node: string }, code: string, checker: ScopeChecker = prefixChecker): void {
  if (!checker.isInside(code, who.node)) throw new ForbiddenException(MESSAGES.outOfScope);
}
