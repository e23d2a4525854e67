import type { Pool } from 'pg';
import { SPEC_COUNTY, startSpecKernel, type ServiceKernel } from '@lw/runtime';
import type { TestDatabase } from '@lw/testing';
import { grievanceService } from '../grievance.service';
import { grievanceRuntime, type GrievanceOverrides } from './grievance-runtime';

/** The county the grievance specs place their cases in (320724101200 is one of its villages). */
export const TEST_COUNTY = SPEC_COUNTY;

/** The grievance service's real kernel on a test database (see startSpecKernel), with overrides such as a clock. */
export function startGrievanceKernel(db: TestDatabase, pool: Pool, overrides: GrievanceOverrides = {}): Promise<ServiceKernel> {
  return startSpecKernel(db, pool, { ...grievanceService, runtime: (k) => grievanceRuntime(k, overrides) });
}
