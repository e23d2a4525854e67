import type { Pool } from 'pg';
import { SPEC_COUNTY, startSpecKernel, type ServiceKernel } from '@lw/runtime';
import type { TestDatabase } from '@lw/testing';
import { vettingService } from '../../vetting.service';

/** The county the vetting specs open their elections in (320724101200 is one of its villages). */
export const TEST_COUNTY = SPEC_COUNTY;

/** The vetting service's real kernel on a test database (see startSpecKernel). */
export function startVettingKernel(db: TestDatabase, pool: Pool): Promise<ServiceKernel> {
  return startSpecKernel(db, pool, vettingService);
}
