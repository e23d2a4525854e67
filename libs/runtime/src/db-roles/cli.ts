/**
 * Gives every service its own database role (README "Database roles"):
 *   DATABASE_URL=postgres://admin:…@db/liangwei TIPLINE_DATABASE_URL=postgres://lw_tipline:…@db/liangwei … npm run db:roles
 * DATABASE_URL is the administrator (the database owner); each <SERVICE>_DATABASE_URL is what that
 * service will connect with (its user becomes the role, its password the role's password).
 */
import { setUpDatabase } from './set-up-database';

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL (the administrator) is not set');
  const { migrated, roles } = await setUpDatabase(adminUrl, process.env);
  if (migrated.length) console.log(`shared migrations applied: ${migrated.join(', ')}`);
  for (const r of roles) console.log(`role ${r.role}: ${r.created ? 'created' : 'updated'}${r.reassigned ? `, ${r.reassigned} objects handed over` : ''}`);
}

main().catch((err: Error) => {
  console.error(`db:roles failed: ${err.message}`);
  process.exitCode = 1;
});
