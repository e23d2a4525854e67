import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import type { RosterPort } from '../../application/roster-port';

/** Assessments' moving parts (projections, providers). */
export function assessmentRuntime(_kernel: ServiceKernel, _roster: RosterPort): ServiceRuntime {
  return {};
}
