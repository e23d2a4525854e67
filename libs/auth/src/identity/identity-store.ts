import type { Principal } from '../principal';
import type { Role } from '../roles';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  node: string;
  dept: string | null;
  disabled: boolean;
  createdAt: Date;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  node: string;
  dept?: string;
}

export type PasswordCheck =
  | { ok: true; user: User }
  /** Unknown user and wrong password look the same, so logins cannot enumerate accounts. */
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date }
  | { ok: false; reason: 'disabled' };

/** The embedded mode's user accounts (distributed mode may use an external IdP instead). */
export interface IdentityStore {
  /** Throws UsernameTakenError when the username exists, InvalidUserError on a bad field. */
  createUser(input: NewUser): Promise<User>;
  /** Locks the account for a while after too many consecutive failures. */
  verifyPassword(username: string, password: string): Promise<PasswordCheck>;
  findById(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  setDisabled(id: string, disabled: boolean): Promise<void>;
}

export const IDENTITY_STORE = Symbol('IDENTITY_STORE');

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username already taken: ${username}`);
  }
}

export class InvalidUserError extends Error {}

export function principalOf(user: User): Principal {
  const p: Principal = { sub: user.id, name: user.displayName, roles: [...user.roles], node: user.node };
  if (user.dept) p.dept = user.dept;
  return p;
}
