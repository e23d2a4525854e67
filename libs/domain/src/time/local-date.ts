import { DomainValidationError } from '../errors/domain-error';

declare const localDateBrand: unique symbol;

/**
 * A calendar date without time zone, "yyyy-mm-dd" with a four-digit year (0000–9999). A branded
 * string: it serialises as itself. Arithmetic and comparison go through epoch days (numbers), never
 * through string order or `Date`, so every operation is total: a result outside 0000–9999 is refused
 * with a domain error instead of turning into "+010000-01-01", which sorts before "9999-12-31" and
 * once kept a loop over days running for ever.
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch days of 0000-01-01 and 9999-12-31: the range a LocalDate can name. */
const MIN_EPOCH_DAY = -719_528;
const MAX_EPOCH_DAY = 2_932_896;

/** True when `s` is "yyyy-mm-dd" and names a real day of the proleptic Gregorian calendar. */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = PATTERN.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseLocalDate(s: string): LocalDate {
  if (!isLocalDate(s)) {
    throw new DomainValidationError('local_date.invalid', `日期格式不正确：${String(s)}（应为 yyyy-mm-dd 的有效日期）`, `not a valid yyyy-mm-dd date: ${JSON.stringify(s)}`);
  }
  return s;
}

/** Builds a LocalDate from numbers (month 1-12); throws on an impossible date such as 2025-02-29. */
export function localDate(year: number, month: number, day: number): LocalDate {
  return parseLocalDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

export function yearOf(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

export function monthOf(d: LocalDate): number {
  return Number(d.slice(5, 7));
}

export function dayOfMonth(d: LocalDate): number {
  return Number(d.slice(8, 10));
}

/**
 * Days since 1970-01-01 (negative before): the arithmetic base, free of any time zone. Computed
 * arithmetically (days-from-civil), not with Date.UTC, which reads years 0–99 as 1900–1999.
 */
export function epochDayOf(d: LocalDate): number {
  const m = monthOf(d);
  const y = yearOf(d) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth(d) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The LocalDate `n` days after 1970-01-01. @throws DomainValidationError outside 0000-01-01..9999-12-31. */
export function fromEpochDay(n: number): LocalDate {
  if (!Number.isSafeInteger(n) || n < MIN_EPOCH_DAY || n > MAX_EPOCH_DAY) {
    throw new DomainValidationError('local_date.out_of_range', '日期超出系统可处理的范围', `epoch day ${n} is outside 0000-01-01..9999-12-31`);
  }
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

/** @throws DomainValidationError when the result leaves 0000–9999. */
export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: not an integer: ${n}`);
  return fromEpochDay(epochDayOf(d) + n);
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDayOf(b) - epochDayOf(a);
}

/** 0 = Sunday … 6 = Saturday, of an epoch day (1970-01-01 was a Thursday). */
export function dayOfWeekOfEpochDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  return dayOfWeekOfEpochDay(epochDayOf(d));
}

export function isWeekend(d: LocalDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

/** Numeric: by epoch day, never by string order. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(epochDayOf(a) - epochDayOf(b));
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, month: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
