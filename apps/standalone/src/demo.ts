import { existsSync } from 'fs';
import { readFile, writeFile } from 'fs/promises';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { seedDemoAccounts, retireDemoAccounts, seedFirstAdmin, type DemoAccount, type DemoScope, type IdentityStore } from '@lw/auth';

/** The demo county of embedded mode: 灌南县, whose 2021 election summary is seed 003. */
export const DEMO_COUNTY = '320724';

/**
 * A value generated at first start and kept in the data folder (mode 0600), so embedded mode
 * works with no configuration while nothing secret is committed or shared between installs.
 */
export async function localSecret(dataDir: string, name: string, bytes: number): Promise<string> {
  const file = join(dataDir, name);
  if (!existsSync(file)) await writeFile(file, randomBytes(bytes).toString('base64url'), { mode: 0o600 });
  return (await readFile(file, 'utf8')).trim();
}

export interface EmbeddedAccounts {
  accounts: DemoAccount[];
  /** The demo accounts' shared password, or the first admin's initial one. */
  password: string;
  /** True: the eight demo accounts (one per role, one shared password), for trying the system only. */
  demo: boolean;
}

/**
 * Default: one demo account per role sharing one generated password (DEMO_PASSWORD overrides), so
 * every screen can be tried. LW_DEMO_ACCOUNTS=0 (real use): only `admin`, with a generated password
 * that must be changed at first login; further accounts come from `npm run users`.
 */
export async function seedEmbeddedAccounts(
  identity: IdentityStore,
  scope: Omit<DemoScope, 'password'>,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<EmbeddedAccounts> {
  if (env.LW_DEMO_ACCOUNTS === '0') {
    const password = await localSecret(dataDir, 'admin-initial-password', 12);
    const demoFile = join(dataDir, 'demo-password');
    const demo = env.DEMO_PASSWORD ?? (existsSync(demoFile) ? (await readFile(demoFile, 'utf8')).trim() : undefined);
    if (demo) await retireDemoAccounts(identity, scope, { demo, admin: password });
    const { account } = await seedFirstAdmin(identity, { countyCode: scope.countyCode, password });
    return { accounts: [account], password, demo: false };
  }
  const password = env.DEMO_PASSWORD ?? (await localSecret(dataDir, 'demo-password', 9));
  return { accounts: await seedDemoAccounts(identity, { ...scope, password }), password, demo: true };
}
