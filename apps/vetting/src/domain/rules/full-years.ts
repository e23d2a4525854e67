import { dayOfMonth, isLeapYear, localDate, monthOf, yearOf, type LocalDate } from '@lw/domain';

/**
 * The day `n` years after `date`. With no corresponding day (29 February in a common year) the last
 * day of that month counts, as Civil Code art. 202 ends periods counted in years.
 */
export function addYears(date: LocalDate, n: number): LocalDate {
  const y = yearOf(date) + n;
  const m = monthOf(date);
  const d = m === 2 && dayOfMonth(date) === 29 && !isLeapYear(y) ? 28 : dayOfMonth(date);
  return localDate(y, m, d);
}

/**
 * Full years (周岁) from `from` to `on`: the anniversary itself counts as reached, and a 29 February
 * anniversary falls on 28 February in common years, exactly as CitizenId.ageOn counts ages.
 */
export function fullYearsOn(from: LocalDate, on: LocalDate): number {
  let years = yearOf(on) - yearOf(from);
  if (addYears(from, years) > on) years -= 1;
  return years;
}
