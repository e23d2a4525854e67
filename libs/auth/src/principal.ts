import type { Actor } from '@lw/domain';
import type { Role } from './roles';

/** The authenticated user, as carried by a verified token. */
export interface Principal {
  /** User id. */
  sub: string;
  /** Display name. */
  name: string;
  roles: Role[];
  /** Division code the user is bound to (6 county, 9 township, 12 village digits). */
  node: string;
  /** For review_dept: the department answering joint reviews, as the policy pack names it (e.g. public_security for 公安局). */
  dept?: string;
}

/** The actor recorded on commands and events: who, with which roles, in which node, from where. */
export function toActor(principal: Principal, ip?: string): Actor {
  const actor: Actor = { userId: principal.sub, roles: [...principal.roles], node: principal.node };
  if (ip) actor.ip = ip;
  return actor;
}
