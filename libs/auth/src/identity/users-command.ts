import type { Pool } from 'pg';
import { isNodeCode } from '../node-code';
import { isRole, ROLES } from '../roles';
import { PgIdentityStore } from './pg-identity-store';

/**
 * `npm run users -- add --username u --name 显示名 --role township --node 320724100 [--dept d]`:
 * an account in the auth schema, for deployments whose tokens this system signs (AUTH_SECRET, no
 * IdP). The password comes from LW_USER_PASSWORD, never the command line (ps would show it).
 * `disable --username u` / `enable --username u` lock and unlock an account; disabling ends every
 * session of the account at once (the next request with its token or cookie gets 401).
 * `reset-password --username u` sets LW_USER_PASSWORD as a password the owner must change at the
 * next login and ends every session (a lost or forgotten password, the first admin's included).
 */
export async function runUsersCommand(args: string[], env: NodeJS.ProcessEnv, pool: Pool): Promise<string> {
  const [verb] = args;
  const store = new PgIdentityStore(pool);
  const username = argument(args, '--username');
  if (!username) throw new UsageError('--username is required');
  if (verb === 'add') {
    const role = argument(args, '--role');
    const node = argument(args, '--node');
    const password = env.LW_USER_PASSWORD;
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!isNodeCode(node)) throw new UsageError('--node must be a division code of 2, 4, 6, 9 or 12 digits');
    if (!password) throw new UsageError('set LW_USER_PASSWORD (at least 8 characters) in the environment');
    const user = await store.createUser({ username, displayName: argument(args, '--name') ?? username, password, roles: [role], node, dept: argument(args, '--dept') });
    return `account ${user.username} (${role}, ${node}) created`;
  }
  if (verb === 'disable' || verb === 'enable') {
    const user = await store.findByUsername(username);
    if (!user) throw new UsageError(`no account ${username}`);
    await store.setDisabled(user.id, verb === 'disable');
    return `account ${username} ${verb}d`;
  }
  if (verb === 'reset-password') {
    const user = await store.findByUsername(username);
    if (!user) throw new UsageError(`no account ${username}`);
    const password = env.LW_USER_PASSWORD;
    if (!password || password.length < 12) throw new UsageError('set LW_USER_PASSWORD (at least 12 characters) in the environment');
    await store.resetPassword(user.id, password);
    return `password of ${username} reset: to be changed at the next login; every session ended`;
  }
  throw new UsageError('usage: users add|disable|enable|reset-password --username u [--name 显示名 --role r --node code --dept d]');
}

export class UsageError extends Error {}

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}
