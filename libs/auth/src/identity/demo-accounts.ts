import type { Role } from '../roles';
import { UsernameTakenError, type IdentityStore } from './identity-store';

export interface DemoScope {
  countyCode: string;
  /** The township the township account is bound to. */
  townshipCode: string;
  /** The village the liaison account is bound to (inside townshipCode). */
  villageCode: string;
  password: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  node: string;
  dept?: string;
}

/** One account per role so every screen of the demo can be tried. */
export function demoAccounts(scope: Omit<DemoScope, 'password'>): DemoAccount[] {
  const county = scope.countyCode;
  return [
    { username: 'org_dept', displayName: '县委组织部（演示）', role: 'org_dept', node: county },
    { username: 'discipline', displayName: '县纪委监委（演示）', role: 'discipline', node: county },
    { username: 'civil_affairs', displayName: '县民政局（演示）', role: 'civil_affairs', node: county },
    { username: 'review_dept', displayName: '县公安局（演示）', role: 'review_dept', node: county, dept: 'public_security' },
    { username: 'auditor', displayName: '县审计局（演示）', role: 'auditor', node: county },
    { username: 'township', displayName: '乡镇党委（演示）', role: 'township', node: scope.townshipCode },
    { username: 'liaison', displayName: '包村干部（演示）', role: 'liaison', node: scope.villageCode },
    { username: 'admin', displayName: '系统管理员（演示）', role: 'admin', node: county },
  ];
}

/**
 * Creates the demo accounts that do not exist yet; existing ones (and their passwords) are left
 * alone, so it runs on every start and under concurrent starts. Returns all of them for printing.
 */
export async function seedDemoAccounts(store: IdentityStore, scope: DemoScope): Promise<DemoAccount[]> {
  if (!scope.villageCode.startsWith(scope.townshipCode) || !scope.townshipCode.startsWith(scope.countyCode)) {
    throw new Error('demo village must lie in the demo township, and the township in the county');
  }
  const accounts = demoAccounts(scope);
  for (const a of accounts) {
    if (await store.findByUsername(a.username)) continue;
    try {
      await store.createUser({
        username: a.username,
        displayName: a.displayName,
        password: scope.password,
        roles: [a.role],
        node: a.node,
        dept: a.dept,
      });
    } catch (err) {
      if (!(err instanceof UsernameTakenError)) throw err;
    }
  }
  return accounts;
}

/**
 * Leaving the demo for real use (LW_DEMO_ACCOUNTS=0 on an installation that ran with demo accounts):
 * every demo account still opened by the shared demo password is retired: disabled (its sessions
 * end), or for admin given the generated initial password, to be changed at first login. An account
 * whose password was changed since, or a real account of the same name, is left alone, so this is
 * safe on every start.
 */
export async function retireDemoAccounts(
  store: IdentityStore,
  scope: Omit<DemoScope, 'password'>,
  passwords: { demo: string; admin: string },
): Promise<string[]> {
  const retired: string[] = [];
  for (const a of demoAccounts(scope)) {
    const user = await store.findByUsername(a.username);
    if (!user || user.disabled || user.displayName !== a.displayName) continue;
    if (!(await store.verifyPassword(a.username, passwords.demo, 'local:retire-demo')).ok) continue;
    if (a.username === 'admin') await store.resetPassword(user.id, passwords.admin);
    else await store.setDisabled(user.id, true);
    retired.push(a.username);
  }
  return retired;
}

/**
 * For real use of embedded mode (LW_DEMO_ACCOUNTS=0): only an `admin` at the county, whose
 * generated password must be changed at first login. Returns whether it was created now.
 */
export async function seedFirstAdmin(store: IdentityStore, scope: { countyCode: string; password: string }): Promise<{ account: DemoAccount; created: boolean }> {
  const account: DemoAccount = { username: 'admin', displayName: '系统管理员', role: 'admin', node: scope.countyCode };
  if (await store.findByUsername(account.username)) return { account, created: false };
  try {
    await store.createUser({
      username: account.username,
      displayName: account.displayName,
      password: scope.password,
      roles: [account.role],
      node: account.node,
      mustChangePassword: true,
    });
    return { account, created: true };
  } catch (err) {
    if (!(err instanceof UsernameTakenError)) throw err;
    return { account, created: false };
  }
}
