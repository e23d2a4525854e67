import { addDays, dayOfMonth, daysInMonth, localDate, monthOf, yearOf, type LocalDate } from '@lw/domain';

/**
 * The last day of an effect period (影响期) of `months` months that starts ON `date` (the decision
 * takes effect that day and the day counts: 公职人员政务处分法 第八条 "自处分决定生效之日起计算").
 * So the period runs up to the day before the same day-of-month `months` later; when that month has
 * no such day (a sanction of 31 August, 6 months), the period ends with that month (28/29 February),
 * as Civil Code art. 202 ends periods counted in months.
 */
export function effectEndsOn(date: LocalDate, months: number): LocalDate {
  const total = yearOf(date) * 12 + (monthOf(date) - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = dayOfMonth(date);
  if (d > daysInMonth(y, m)) return localDate(y, m, daysInMonth(y, m));
  return addDays(localDate(y, m, d), -1);
}
