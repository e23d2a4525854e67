import { DomainValidationError } from '../errors/domain-error';
import { addDays, daysBetween, parseLocalDate as d } from '../time/local-date';
import { dueDate, workingDaysBetween } from './due-date';
import { fake2027 } from './fake-arrangement.fixture';
import { formatPeriod, type Period } from './period';
import { defaultWorkingCalendar } from './working-calendar';

const cal = defaultWorkingCalendar();
const days = (amount: number): Period => ({ amount, unit: 'calendar_days' });
const workdays = (amount: number): Period => ({ amount, unit: 'working_days' });

describe('dueDate', () => {
  it('15 calendar days from a tip received 2026-09-18 end in the National Day holiday → 2026-10-08', () => {
    // Day 1 is 09-19; day 15 is 10-03 (holiday); 10-01..10-07 are rest days.
    const r = dueDate(new Date('2026-09-18T02:00:00Z'), days(15), cal);
    expect(r).toEqual({ due: '2026-10-08', endsAt: new Date('2026-10-08T16:00:00Z'), beyondHorizon: false });
  });

  it('5 working days from a notice published 2026-09-29 end at the end of 2026-10-12', () => {
    // Counted: 09-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12 (10-11 Sunday is a rest day).
    const r = dueDate(d('2026-09-29'), workdays(5), cal);
    expect(r.due).toBe('2026-10-12');
    expect(r.endsAt.toISOString()).toBe('2026-10-12T16:00:00.000Z');
    expect(r.beyondHorizon).toBe(false);
  });

  it('3 working days from 2026-02-13 end 2026-02-25 (02-14 make-up day, 02-15..02-23 Spring Festival)', () => {
    expect(dueDate(d('2026-02-13'), workdays(3), cal).due).toBe('2026-02-25');
    expect(dueDate(d('2026-02-13'), workdays(1), cal).due).toBe('2026-02-14');
  });

  it('handles the 2025 Spring Festival and National Day', () => {
    // 2025-01-24 (Fri) + 1 working day → 01-26 (make-up Sunday), not 01-27.
    expect(dueDate(d('2025-01-24'), workdays(1), cal).due).toBe('2025-01-26');
    // 2025-01-27 + 2 working days: 01-28..02-04 holiday, 02-05 and 02-06.
    expect(dueDate(d('2025-01-27'), workdays(2), cal).due).toBe('2025-02-06');
    // 2025-09-26 (Fri) + 1 working day → 09-28 (make-up Sunday).
    expect(dueDate(d('2025-09-26'), workdays(1), cal).due).toBe('2025-09-28');
    // 2025-09-30 + 3 working days: 10-01..10-08 off → 10-09, 10-10, 10-11 (make-up Saturday).
    expect(dueDate(d('2025-09-30'), workdays(3), cal).due).toBe('2025-10-11');
    // 7 calendar days from 2025-09-24 end on 10-01 (holiday) → first working day 10-09.
    expect(dueDate(d('2025-09-24'), days(7), cal).due).toBe('2025-10-09');
  });

  it('does not count the start day, and takes the start day in Asia/Shanghai', () => {
    // 2026-03-02 (Mon) 23:30 Shanghai = 15:30Z; 1 calendar day → 03-03.
    expect(dueDate(new Date('2026-03-02T15:30:00Z'), days(1), cal).due).toBe('2026-03-03');
    // 16:30Z on 03-02 is already 00:30 on 03-03 in Shanghai → due 03-04.
    expect(dueDate(new Date('2026-03-02T16:30:00Z'), days(1), cal).due).toBe('2026-03-04');
  });

  it('does not extend a calendar-day period ending on a make-up working day, and extends over a plain weekend', () => {
    // 2026-10-05 + 5 days = 10-10, a Saturday but a make-up working day.
    expect(dueDate(d('2026-10-05'), days(5), cal).due).toBe('2026-10-10');
    // 2026-03-02 + 5 days = 03-07, Saturday → Monday 03-09.
    expect(dueDate(d('2026-03-02'), days(5), cal).due).toBe('2026-03-09');
  });

  it('counts only working days when starting on a rest day', () => {
    // Start on Saturday 2026-03-07: first counted working day is Monday 03-09.
    expect(dueDate(d('2026-03-07'), workdays(1), cal).due).toBe('2026-03-09');
    expect(dueDate(d('2026-03-07'), days(1), cal).due).toBe('2026-03-09'); // Sunday → Monday
  });

  it('flags a deadline that needs 2027 without loaded data, and not once 2027 is loaded', () => {
    const r = dueDate(d('2027-09-24'), days(7), cal);
    // Weekday-only guess: 10-01 is a Friday, so unflagged it would look due on 10-01.
    expect(r).toMatchObject({ due: '2027-10-01', beyondHorizon: true });

    const loaded = defaultWorkingCalendar([fake2027]);
    const ok = dueDate(d('2027-09-24'), days(7), loaded);
    expect(ok).toMatchObject({ due: '2027-10-08', beyondHorizon: false });
    expect(loaded.isWorkingDay(d('2027-10-01'))).toBe(false);
  });

  it('flags a working-day period that crosses into an uncovered year even if the end looks ordinary', () => {
    const r = dueDate(d('2026-12-30'), workdays(3), cal);
    expect(r).toMatchObject({ due: '2027-01-04', beyondHorizon: true });
    expect(dueDate(d('2026-12-21'), workdays(3), cal).beyondHorizon).toBe(false);
  });

  it('adds hours to the start instant (24 h acknowledgement), no calendar needed', () => {
    const r = dueDate(new Date('2026-10-01T09:15:00Z'), { amount: 24, unit: 'hours' }, cal);
    expect(r).toEqual({ due: '2026-10-02', endsAt: new Date('2026-10-02T09:15:00Z'), beyondHorizon: false });
    expect(() => dueDate(d('2026-10-01'), { amount: 24, unit: 'hours' }, cal)).toThrow(DomainValidationError);
  });

  it.each([0, -1, 1.5, Number.NaN, 100_000])('rejects amount %p', (amount) => {
    expect(() => dueDate(d('2026-01-05'), days(amount), cal)).toThrow(DomainValidationError);
  });

  it('rejects an unknown unit', () => {
    expect(() => dueDate(d('2026-01-05'), { amount: 1, unit: 'months' as never }, cal)).toThrow(DomainValidationError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween(d('2026-09-29'), d('2026-10-12'), cal)).toEqual({ days: 5, beyondHorizon: false });
    expect(workingDaysBetween(d('2026-02-13'), d('2026-02-25'), cal)).toEqual({ days: 3, beyondHorizon: false });
    expect(workingDaysBetween(d('2026-02-13'), d('2026-02-13'), cal)).toEqual({ days: 0, beyondHorizon: false });
    expect(workingDaysBetween(d('2026-12-30'), d('2027-01-04'), cal)).toEqual({ days: 3, beyondHorizon: true });
  });

  it('agrees with counting day by day, across holidays, make-up days, year ends and the horizon', () => {
    const slow = (from: string, to: string) => {
      let days = 0;
      let beyondHorizon = false;
      for (let x = addDays(d(from), 1); daysBetween(x, d(to)) >= 0; x = addDays(x, 1)) {
        const info = withLoaded.dayInfo(x);
        if (!info.covered) beyondHorizon = true;
        if (info.working) days++;
      }
      return { days, beyondHorizon };
    };
    const withLoaded = defaultWorkingCalendar([fake2027]);
    const starts = ['2024-12-28', '2025-01-01', '2025-09-27', '2026-02-13', '2026-09-30', '2026-12-31', '2027-09-25'];
    for (const from of starts) for (const span of [0, 1, 3, 6, 7, 8, 13, 30, 97, 400, 1000]) {
      const to = addDays(d(from), span);
      expect(workingDaysBetween(d(from), to, withLoaded)).toEqual(slow(from, to));
    }
  });

  it('terminates at once for the farthest dates (a case due 9999-12-31 once hung every service)', () => {
    // A plain weekday count: 2027..9999 has no holiday data. (2026-12-31, 9999-12-31] holds 416 011 weeks
    // and one day, a Friday.
    expect(daysBetween(d('2026-12-31'), d('9999-12-31'))).toBe(416_011 * 7 + 1);
    const r = workingDaysBetween(d('2026-12-06'), d('9999-12-31'), cal);
    expect(r.beyondHorizon).toBe(true);
    expect(r.days).toBe(workingDaysBetween(d('2026-12-06'), d('2026-12-31'), cal).days + 416_011 * 5 + 1);
    expect(workingDaysBetween(d('9999-12-31'), d('2026-12-06'), cal)).toEqual({ days: 0, beyondHorizon: false });
    expect(workingDaysBetween(d('0000-01-01'), d('9999-12-31'), cal).days).toBeGreaterThan(2_000_000);
  });

  it('refuses a deadline that would run past the year 9999 instead of looping', () => {
    expect(() => dueDate(d('9999-12-20'), workdays(30), cal)).toThrow(DomainValidationError);
    expect(() => dueDate(d('9999-12-30'), days(15), cal)).toThrow(DomainValidationError);
  });

  it('is consistent with dueDate for working-day periods', () => {
    for (const start of ['2025-01-20', '2025-09-25', '2026-02-10', '2026-09-28']) {
      for (const n of [1, 3, 5, 10]) {
        const { due } = dueDate(d(start), workdays(n), cal);
        expect(workingDaysBetween(d(start), due, cal).days).toBe(n);
      }
    }
  });
});

describe('formatPeriod', () => {
  it('labels the unit in Chinese', () => {
    expect(formatPeriod(days(15))).toBe('15日');
    expect(formatPeriod(workdays(5))).toBe('5个工作日');
    expect(formatPeriod({ amount: 24, unit: 'hours' })).toBe('24小时');
  });
});
