/**
 * The roles of DOMAIN.md "Who uses it", plus `admin`: the system administrator who loads calendar
 * arrangements and imports the hierarchy. `admin` is not a super-user: it passes only routes that
 * name it in @Roles, and its node still limits its scope. The public has no role (@Public routes).
 */
export const ROLES = [
  'org_dept',
  'discipline',
  'civil_affairs',
  'review_dept',
  'auditor',
  'township',
  'liaison',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

const known: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && known.has(value);
}
