import { localDate, monthOf, yearOf, dayOfMonth, isLeapYear } from '@lw/domain';
import type { LocalDate } from '@lw/domain';

/**
 * Full years (周岁) at `on`: the birthday itself counts as reached. Born on 29 February, one turns a
 * year older on 28 February of a common year, as CitizenId.ageOn counts it.
 */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bdRaw] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  const bd = bm === 2 && bdRaw === 29 && !isLeapYear(y) ? 28 : bdRaw;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The same day n years earlier (29 Feb → 28 Feb in a common year). */
export function yearsBefore(date: string, n: number): string {
  const d = date as LocalDate;
  const y = yearOf(d) - n;
  const m = monthOf(d);
  const day = m === 2 && dayOfMonth(d) === 29 && !isLeapYear(y) ? 28 : dayOfMonth(d);
  return localDate(y, m, day);
}
