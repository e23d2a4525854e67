import { tmpdir } from 'os';
import type { Pool } from 'pg';
import { AuditLog } from '@lw/auth';
import { migrate } from '@lw/db';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { PgJobScheduler } from '@lw/jobs';
import { InProcessBus, messagingMigrations } from '@lw/messaging';
import { CalendarStore } from '../calendar/calendar-store';
import { createLogger } from '../logger';
import type { ServiceDefinition } from '../service-definition';
import { ServiceKernel } from '../service-kernel';

/** The county specs place their records in (320724101200 is one of its villages). */
export const SPEC_COUNTY = '320724';

/**
 * A service's real kernel on a test database, for its specs: its schema, the county's divisions, an
 * in-process bus that is never started (specs deliver to the consumer themselves) and PostgreSQL jobs.
 * `db` is a per-test database (libs/testing); `runtime` replaces the definition's, e.g. with a clock.
 */
export async function startSpecKernel(
  db: { pool(schema?: string, max?: number): Pool },
  pool: Pool,
  service: Pick<ServiceDefinition, 'name' | 'migrations' | 'readModels' | 'runtime'>,
): Promise<ServiceKernel> {
  const hierarchyPool = db.pool('hierarchy', 2);
  await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
  await importDivisions(hierarchyPool, { scope: SPEC_COUNTY });
  const hierarchy = await Hierarchy.load(hierarchyPool, { scope: SPEC_COUNTY });
  const busPool = db.pool('bus', 2);
  await migrate(busPool, 'bus', messagingMigrations);
  const kernel = new ServiceKernel({
    name: service.name,
    pool,
    bus: new InProcessBus({ pool: busPool }),
    jobs: new PgJobScheduler({ pool }),
    logger: createLogger({ service: `${service.name}-spec`, level: 'silent' }),
    migrations: service.migrations,
    readModels: service.readModels,
    runtime: service.runtime,
    platform: { mode: 'embedded', hierarchy, calendar: new CalendarStore(pool), auditLog: new AuditLog(pool), dataDir: tmpdir(), env: {} },
  });
  await kernel.start();
  return kernel;
}
