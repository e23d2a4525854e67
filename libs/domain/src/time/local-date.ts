import { DomainValidationError } from '../errors/domain-error';

declare const localDateBrand: unique symbol;

/**
 * A calendar date without time zone, "yyyy-mm-dd". A branded string: it serialises as itself,
 * and two LocalDates compare correctly with < and > because the format is fixed-width.
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

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

/** Days since 1970-01-01 (negative before): the arithmetic base, free of any time zone. */
export function epochDayOf(d: LocalDate): number {
  return Date.UTC(yearOf(d), monthOf(d) - 1, dayOfMonth(d)) / DAY_MS;
}

export function fromEpochDay(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: not an integer: ${n}`);
  return fromEpochDay(epochDayOf(d) + n);
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDayOf(b) - epochDayOf(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  return new Date(epochDayOf(d) * DAY_MS).getUTCDay();
}

export function isWeekend(d: LocalDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
