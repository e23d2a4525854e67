import { tmpdir } from 'os';
import type { Pool } from 'pg';
import { AuditLog } from '@lw/auth';
import { migrate } from '@lw/db';
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { PgJobScheduler } from '@lw/jobs';
import { InProcessBus, messagingMigrations } from '@lw/messaging';
import { CalendarStore, createLogger, ServiceKernel } from '@lw/runtime';
import type { TestDatabase } from '@lw/testing';
import { vettingService } from '../../vetting.service';

/** The county the vetting specs open their elections in (320724101200 is one of its villages). */
export const TEST_COUNTY = '320724';

/**
 * The vetting service's real kernel on a test database: its schema, the county's divisions, an
 * in-process bus that is never started (specs deliver to the consumer themselves) and PostgreSQL jobs.
 */
export async function startVettingKernel(db: TestDatabase, pool: Pool): Promise<ServiceKernel> {
  const hierarchyPool = db.pool('hierarchy', 2);
  await migrate(hierarchyPool, 'hierarchy', hierarchyMigrations);
  await importDivisions(hierarchyPool, { scope: TEST_COUNTY });
  const hierarchy = await Hierarchy.load(hierarchyPool, { scope: TEST_COUNTY });
  const busPool = db.pool('bus', 2);
  await migrate(busPool, 'bus', messagingMigrations);
  const kernel = new ServiceKernel({
    name: 'vetting',
    pool,
    bus: new InProcessBus({ pool: busPool }),
    jobs: new PgJobScheduler({ pool }),
    logger: createLogger({ service: 'vetting-spec', level: 'silent' }),
    migrations: vettingService.migrations,
    readModels: vettingService.readModels,
    runtime: vettingService.runtime,
    platform: { mode: 'embedded', hierarchy, calendar: new CalendarStore(pool), auditLog: new AuditLog(pool), dataDir: tmpdir(), env: {} },
  });
  await kernel.start();
  return kernel;
}
