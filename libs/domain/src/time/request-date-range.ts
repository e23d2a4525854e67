import { epochDayOf, isLocalDate, type LocalDate } from './local-date';
import { endOfShanghaiDay, startOfShanghaiDay } from './shanghai-time';

/** An inclusive range of days. */
export interface DateRange {
  earliest: LocalDate;
  latest: LocalDate;
}

/**
 * The days a request may name (open and reopen dates, deadlines, backdating, query periods, roster
 * history, asOf). Wide enough for a cadre's record from the last century and a deadline decades
 * ahead, narrow enough that no date arithmetic on it leaves the four-digit years. Data, not checks
 * scattered in code: every request schema refers to this one range.
 */
export const REQUEST_DATE_RANGE: DateRange = { earliest: '1900-01-01' as LocalDate, latest: '2100-12-31' as LocalDate };

export function isWithinDateRange(d: LocalDate, range: DateRange = REQUEST_DATE_RANGE): boolean {
  const n = epochDayOf(d);
  return n >= epochDayOf(range.earliest) && n <= epochDayOf(range.latest);
}

/** A real "yyyy-mm-dd" inside the range a request may carry. */
export function isRequestDate(s: unknown, range: DateRange = REQUEST_DATE_RANGE): s is LocalDate {
  return isLocalDate(s) && isWithinDateRange(s, range);
}

/** An instant (ISO 8601, any offset) whose Asia/Shanghai date lies inside the range. */
export function isRequestInstant(s: unknown, range: DateRange = REQUEST_DATE_RANGE): boolean {
  const t = typeof s === 'string' ? Date.parse(s) : Number.NaN;
  return Number.isFinite(t) && t >= startOfShanghaiDay(range.earliest).getTime() && t < endOfShanghaiDay(range.latest).getTime();
}

/** The clerk's message for a date outside the range. */
export function dateRangeMessageZh(range: DateRange = REQUEST_DATE_RANGE): string {
  return `日期须在 ${range.earliest} 至 ${range.latest} 之间`;
}
