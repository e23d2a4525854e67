/**
 * Accounts for a deployment that signs its own tokens (AUTH_SECRET):
 *   LW_USER_PASSWORD=… npm run users -- add --username zhangsan --name 张三 --role township --node 320724100
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the auth schema is migrated first.
 */
import { createPool, migrate } from '@lw/db';
import { authMigrations } from './auth.migrations';
import { runUsersCommand, UsageError } from './identity/users-command';

async function main(): Promise<void> {
  const pool = createPool({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', schema: 'auth', max: 2, applicationName: 'users-cli' });
  try {
    await migrate(pool, 'auth', authMigrations);
    console.log(await runUsersCommand(process.argv.slice(2), process.env, pool));
  } finally {
    await pool.end();
  }
}

main().catch((err: Error) => {
  console.error(err instanceof UsageError ? err.message : `users failed: ${err.message}`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
