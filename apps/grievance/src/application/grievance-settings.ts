import { DomainValidationError } from '@lw/domain';
import { DEFAULT_GRIEVANCE_POLICY, type GrievancePolicy } from '../domain';

function intSetting(env: NodeJS.ProcessEnv, name: string, min: number, max: number, zh: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new DomainValidationError('grievance.settings', `${zh}应为 ${min} 至 ${max} 的整数`, `${name}=${raw} is not an integer ${min}..${max}`);
  return n;
}

/**
 * The grievance policy: the defaults, with the yellow lead time (GRIEVANCE_YELLOW_LEAD_WORKING_DAYS)
 * and the back-dating window of hand-entered cases (GRIEVANCE_MAX_BACKDATE_DAYS) overridable.
 */
export function grievancePolicyFrom(env: NodeJS.ProcessEnv): GrievancePolicy {
  const yellow = intSetting(env, 'GRIEVANCE_YELLOW_LEAD_WORKING_DAYS', 0, 60, '黄灯提前量（工作日）');
  const backdate = intSetting(env, 'GRIEVANCE_MAX_BACKDATE_DAYS', 0, 3660, '交办日期可追溯天数');
  return {
    ...DEFAULT_GRIEVANCE_POLICY,
    ...(yellow !== undefined ? { yellowLeadWorkingDays: yellow } : {}),
    ...(backdate !== undefined ? { maxBackdateDays: backdate } : {}),
  };
}
