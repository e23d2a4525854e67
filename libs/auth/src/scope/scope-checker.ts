/** Whether one division code lies in the subtree of another (inclusive: a node is inside itself). */
export interface ScopeChecker {
  isInside(code: string, ancestor: string): boolean;
}

/** Injection token; the hierarchy lib provides a tree-backed checker that knows merged villages. */
export const SCOPE_CHECKER = Symbol('SCOPE_CHECKER');
