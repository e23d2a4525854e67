import { DomainValidationError } from '../errors/domain-error';
import { addDays, compareLocalDates, dayOfWeek, daysBetween, epochDayOf, fromEpochDay, isLocalDate, localDate, parseLocalDate } from './local-date';
import { isRequestDate, isRequestInstant } from './request-date-range';

describe('LocalDate', () => {
  it('accepts real dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-4-01', '20250401', '2025-04-01T00:00', '', 20250401]) {
      expect(isLocalDate(bad)).toBe(false);
    }
    expect(() => parseLocalDate('2025-02-29')).toThrow(DomainValidationError);
    expect(() => localDate(2025, 2, 29)).toThrow(DomainValidationError);
    expect(localDate(2026, 1, 5)).toBe('2026-01-05');
  });

  it('does day arithmetic across month, year and leap-day boundaries', () => {
    expect(addDays(parseLocalDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(parseLocalDate('2025-02-28'), 1)).toBe('2025-03-01');
    expect(addDays(parseLocalDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(parseLocalDate('2026-01-01'), -1)).toBe('2025-12-31');
    expect(daysBetween(parseLocalDate('2026-01-01'), parseLocalDate('2027-01-01'))).toBe(365);
    expect(daysBetween(parseLocalDate('2024-01-01'), parseLocalDate('2025-01-01'))).toBe(366);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek(parseLocalDate('2026-10-10'))).toBe(6); // Saturday
    expect(dayOfWeek(parseLocalDate('2025-01-26'))).toBe(0); // Sunday
    expect(dayOfWeek(parseLocalDate('2026-10-01'))).toBe(4); // Thursday
  });
});

describe('LocalDate arithmetic is numeric and total', () => {
  it('agrees with Date.UTC for the years Date.UTC reads correctly, and handles years 0–99 it misreads', () => {
    for (const s of ['1970-01-01', '1900-03-01', '2000-02-29', '2026-12-31', '2100-03-01', '9999-12-31']) {
      const date = parseLocalDate(s);
      const [y, m, day] = s.split('-').map(Number);
      expect(epochDayOf(date)).toBe(Date.UTC(y, m - 1, day) / 86_400_000);
      expect(fromEpochDay(epochDayOf(date))).toBe(s);
    }
    expect(daysBetween(parseLocalDate('0000-01-01'), parseLocalDate('0001-01-01'))).toBe(366);
    expect(addDays(parseLocalDate('0050-12-31'), 1)).toBe('0051-01-01');
  });

  it('refuses to step past 9999-12-31 or before 0000-01-01 instead of writing "+010000-01-01"', () => {
    expect(() => addDays(parseLocalDate('9999-12-31'), 1)).toThrow(DomainValidationError);
    expect(() => addDays(parseLocalDate('0000-01-01'), -1)).toThrow(DomainValidationError);
    expect(() => fromEpochDay(Number.NaN)).toThrow(DomainValidationError);
  });

  it('compares by day number', () => {
    expect(compareLocalDates(parseLocalDate('2026-01-02'), parseLocalDate('2026-01-10'))).toBe(-1);
    expect(compareLocalDates(parseLocalDate('9999-12-31'), parseLocalDate('2026-01-10'))).toBe(1);
    expect(compareLocalDates(parseLocalDate('2026-01-10'), parseLocalDate('2026-01-10'))).toBe(0);
  });

  it('bounds the dates a request may carry', () => {
    expect(isRequestDate('2026-09-18')).toBe(true);
    expect(isRequestDate('9999-12-31')).toBe(false);
    expect(isRequestDate('0001-01-01')).toBe(false);
    expect(isRequestDate('2026-02-30')).toBe(false);
    expect(isRequestDate(['2026-09-18'])).toBe(false);
    expect(isRequestInstant('2026-09-18T10:00:00+08:00')).toBe(true);
    expect(isRequestInstant('2100-12-31T23:59:59+08:00')).toBe(true);
    expect(isRequestInstant('2100-12-31T16:00:00Z')).toBe(false);
    expect(isRequestInstant('9999-12-31T23:00:00-08:00')).toBe(false);
    expect(isRequestInstant('not a date')).toBe(false);
  });
});
