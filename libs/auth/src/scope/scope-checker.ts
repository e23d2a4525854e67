/**
 * Whether one division code lies in the subtree of another (inclusive: a node is inside itself).
 * Hosts configure the hierarchy lib's tree (`Hierarchy`, whose `isInside` is also what
 * `Jurisdiction.covers` asks), so the guard and the services share one definition of a user's area,
 * merged villages included.
 */
export interface ScopeChecker {
  isInside(code: string, ancestor: string): boolean;
}

/** Injection token for the configured ScopeChecker. */
export const SCOPE_CHECKER = Symbol('SCOPE_CHECKER');
