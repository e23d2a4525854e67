import { DomainValidationError } from '../errors/domain-error';
import { addDays, dayOfWeek, daysBetween, isLocalDate, localDate, parseLocalDate } from './local-date';

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
