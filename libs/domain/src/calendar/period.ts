import { DomainValidationError } from '../errors/domain-error';

export type PeriodUnit = 'calendar_days' | 'working_days' | 'hours';

/** A time limit always names its unit (DOMAIN.md, Cross-cutting). */
export interface Period {
  amount: number;
  unit: PeriodUnit;
}

export const PERIOD_UNIT_LABELS: Readonly<Record<PeriodUnit, string>> = {
  calendar_days: '日',
  working_days: '工作日',
  hours: '小时',
};

/** Display form: "15日", "5个工作日", "24小时". */
export function formatPeriod(p: Period): string {
  return p.unit === 'working_days' ? `${p.amount}个工作日` : `${p.amount}${PERIOD_UNIT_LABELS[p.unit]}`;
}

/** Longest period accepted; a guard against runaway loops from bad configuration (≈ 27 years). */
const MAX_AMOUNT = 10_000;

export function validatePeriod(p: Period): Period {
  const unitOk = p != null && Object.prototype.hasOwnProperty.call(PERIOD_UNIT_LABELS, p.unit);
  if (!unitOk || !Number.isInteger(p.amount) || p.amount < 1 || p.amount > MAX_AMOUNT) {
    throw new DomainValidationError(
      'period.invalid',
      `期限设置无效：期限须为 1 至 ${MAX_AMOUNT} 的整数，单位为日、工作日或小时`,
      `invalid period ${JSON.stringify(p)}: amount must be an integer 1..${MAX_AMOUNT}, unit calendar_days|working_days|hours`,
    );
  }
  return p;
}
