import { tmpdir } from 'os';
import type { Pool } from 'pg';
import { AuditLog } from '@lw/auth';
import { migrate } from '@lw/db';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { PgJobScheduler } from '@lw/jobs';
import { InProcessBus, messagingMigrations } from '@lw/messaging';
import { CalendarStore, createLogger, ServiceKernel } from '@lw/runtime';
import type { TestDatabase } from '@lw/testing';
import { grievanceMigrations } from './grievance.migrations';
import { grievanceRuntime, type GrievanceOverrides } from './grievance-runtime';
import { GRIEVANCE_READ_MODELS } from './read-model/grievance-read-models';

/** The county the grievance specs place their cases in (320724101200 is one of its villages). */
export const TEST_COUNTY = '320724';

/**
 * The grievance service's real kernel on a test database: its schema, the county's divisions, an
 * in-process bus that is never started (specs deliver to the consumer themselves) and PostgreSQL jobs.
 */
export async function startGrievanceKernel(db: TestDatabase, pool: Pool, overrides: GrievanceOverrides = {}): Promise<ServiceKernel> {
  const hierarchyPool = db.pool('hierarchy', 2);
  await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
  await importDivisions(hierarchyPool, { scope: TEST_COUNTY });
  const hierarchy = await Hierarchy.load(hierarchyPool, { scope: TEST_COUNTY });
  const busPool = db.pool('bus', 2);
  await migrate(busPool, 'bus', messagingMigrations);
  const kernel = new ServiceKernel({
    name: 'grievance',
    pool,
    bus: new InProcessBus({ pool: busPool }),
    jobs: new PgJobScheduler({ pool }),
    logger: createLogger({ service: 'grievance-spec', level: 'silent' }),
    migrations: grievanceMigrations,
    readModels: GRIEVANCE_READ_MODELS,
    runtime: (k) => grievanceRuntime(k, overrides),
    platform: { mode: 'embedded', hierarchy, calendar: new CalendarStore(pool), auditLog: new AuditLog(pool), dataDir: tmpdir(), env: {} },
  });
  await kernel.start();
  return kernel;
}
