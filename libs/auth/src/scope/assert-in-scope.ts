import { scopeRefusal } from './scope-refusal';
import type { ScopeChecker } from './scope-checker';

/** For handlers that load a resource and only then know its village: 404 (scopeRefusal) unless the code lies in the user's subtree. */
export function assertInScope(who: { node: string }, code: string, checker: ScopeChecker): void {
  if (!checker.isInside(code, who.node)) throw scopeRefusal(code, who.node);
}
