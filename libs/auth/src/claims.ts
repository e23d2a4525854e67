import { isNodeCode } from './node-code';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

/** A token whose claims do not describe a valid principal; it is rejected like a bad signature. */
export class InvalidClaimsError extends Error {
  constructor(readonly problem: string) {
    super(`invalid token claims: ${problem}`);
  }
}

export interface RawClaims {
  sub: unknown;
  name: unknown;
  roles: unknown;
  node: unknown;
  dept?: unknown;
}

export interface ClaimValidationOptions {
  /** Drop roles this system does not know (an external IdP adds its own) instead of rejecting. */
  ignoreUnknownRoles?: boolean;
}

/** Turns untrusted claim values into a Principal, or throws InvalidClaimsError. */
export function validateClaims(raw: RawClaims, options: ClaimValidationOptions = {}): Principal {
  const { sub, name, roles, node, dept } = raw;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) throw new InvalidClaimsError('sub');
  if (typeof name !== 'string' || name.length > 128) throw new InvalidClaimsError('name');
  if (!Array.isArray(roles)) throw new InvalidClaimsError('roles is not a list');
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0 && !options.ignoreUnknownRoles) throw new InvalidClaimsError(`unknown roles ${JSON.stringify(unknown)}`);
  const known = [...new Set(roles.filter(isRole))] as Role[];
  if (known.length === 0) throw new InvalidClaimsError('no known role');
  if (!isNodeCode(node)) throw new InvalidClaimsError('node is not a division code of 2, 4, 6, 9 or 12 digits');
  const principal: Principal = { sub, name, roles: known, node };
  if (dept !== undefined && dept !== null) {
    if (typeof dept !== 'string' || dept.length === 0 || dept.length > 32) throw new InvalidClaimsError('dept');
    principal.dept = dept;
  }
  if (known.includes('review_dept') && !principal.dept) throw new InvalidClaimsError('review_dept without dept');
  return principal;
}
