/**
 * Where an external IdP puts each claim. Dotted paths reach nested claims, e.g. Keycloak's
 * 'realm_access.roles'.
 */
export interface ClaimNames {
  sub: string;
  name: string;
  roles: string;
  node: string;
  dept: string;
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = { sub: 'sub', name: 'name', roles: 'roles', node: 'node', dept: 'dept' };

export function readClaim(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
