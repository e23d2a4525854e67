import { DEFAULT_TIP_POLICY, type TipPolicy } from '../domain';

/** The service's own settings (README "Configuration"), on top of the runtime's. */
export class TiplineSettings {
  constructor(
    readonly policy: TipPolicy,
    /** Public submissions per client per hour; 0 = unlimited (load tests only). */
    readonly publicSubmissionsPerHour: number,
    /** scrypt cost of receipt-code hashes (2^n). Lower only for tests and benchmarks. */
    readonly receiptHashCost: number,
  ) {}
}

export function tiplineSettingsFrom(env: NodeJS.ProcessEnv): TiplineSettings {
  const perHour = env.TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR;
  const cost = env.TIPLINE_RECEIPT_HASH_COST;
  const n = perHour === undefined ? 30 : Number(perHour);
  const c = cost === undefined ? 15 : Number(cost);
  if (!Number.isInteger(n) || n < 0) throw new Error('TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR must be an integer ≥ 0');
  if (!Number.isInteger(c) || c < 10 || c > 20) throw new Error('TIPLINE_RECEIPT_HASH_COST must be an integer 10..20');
  return new TiplineSettings(DEFAULT_TIP_POLICY, n, c);
}
