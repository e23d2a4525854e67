import type { Principal } from '../principal';
import type { Role } from '../roles';
import type { SessionStore } from '../sessions/session-store';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  node: string;
  dept: string | null;
  disabled: boolean;
  /** A generated or demo password: nothing but changing it is allowed until it is changed. */
  mustChangePassword: boolean;
  createdAt: Date;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  node: string;
  dept?: string;
  mustChangePassword?: boolean;
}

export type PasswordCheck =
  | { ok: true; user: User }
  /** Unknown user and wrong password look the same, so logins cannot enumerate accounts. */
  | { ok: false; reason: 'invalid' }
  /** Too many attempts for this username from this source, or from this source at all. */
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  /** Too many password hashes in flight in this process. */
  | { ok: false; reason: 'busy' }
  | { ok: false; reason: 'disabled' };

export type PasswordChange =
  | { ok: true }
  | { ok: false; reason: 'invalid' | 'busy' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  /** The new password breaks the policy; `problem` is the clerk's message. */
  | { ok: false; reason: 'weak'; problem: string };

/** The embedded mode's user accounts (distributed mode may use an external IdP instead). */
export interface IdentityStore {
  /** Throws UsernameTakenError when the username exists, InvalidUserError on a bad field. */
  createUser(input: NewUser): Promise<User>;
  /**
   * Throttled per (username, source) and per source, never per username alone; an unknown and a
   * known username take the same time and give the same answer.
   */
  verifyPassword(username: string, password: string, source?: string): Promise<PasswordCheck>;
  /** Checks the current password (throttled as a login), applies the policy, revokes every other session. */
  changePassword(userId: string, current: string, next: string, options?: { source?: string; keepSession?: string }): Promise<PasswordChange>;
  /**
   * An administrator's reset (the owner forgot it, or lost an initial password): a new password the
   * owner must change at the next login, every session ended. Throws InvalidUserError when it is too short.
   */
  resetPassword(userId: string, password: string): Promise<void>;
  findById(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  /** Disabling also revokes every session of the account. */
  setDisabled(id: string, disabled: boolean): Promise<void>;
  /** The logins of these accounts. */
  readonly sessions: SessionStore;
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
