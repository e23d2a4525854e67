import { defaultWorkingCalendar, parseLocalDate } from '@lw/domain';
import { fixedDeadline, lightAt, workingDayDeadline, workingDaysLeft, yellowStartOn } from './case-deadline';

const cal = defaultWorkingCalendar();
const at = (s: string) => new Date(s);

describe('rectification limits over the 2026 Spring Festival', () => {
  it('the calendar data holds what the test relies on: 2-14 and 2-28 make-up days, 2-15…2-23 the holiday', () => {
    expect(cal.dayInfo(parseLocalDate('2026-02-14')).kind).toBe('make_up_workday');
    expect(cal.dayInfo(parseLocalDate('2026-02-28')).kind).toBe('make_up_workday');
    for (let d = 15; d <= 23; d++) expect(cal.dayInfo(parseLocalDate(`2026-02-${d}`)).working).toBe(false);
  });

  it('counts 10 working days from 2026-02-10 to 2026-03-02, make-up Saturdays counted, the holiday not', () => {
    const d = workingDayDeadline(parseLocalDate('2026-02-10'), 10, 3, cal);
    expect(d.due).toBe('2026-03-02');
    expect(d.endsAt).toBe('2026-03-02T16:00:00.000Z');
    expect(d.beyondHorizon).toBe(false);
    // Plain weekdays would have said 2026-02-24: the holiday matters.
    expect(d.due).not.toBe('2026-02-24');
  });

  it('turns yellow N working days before the last day, the holiday not shortening the warning', () => {
    // 3 working days left after 2-26: 2-27, 2-28 (make-up), 3-2.
    expect(yellowStartOn(parseLocalDate('2026-03-02'), 3, cal).on).toBe('2026-02-26');
    // 6 left: the nine holiday days count for nothing, so yellow starts on the make-up Saturday 2-14.
    expect(yellowStartOn(parseLocalDate('2026-03-02'), 6, cal).on).toBe('2026-02-14');
    const d = workingDayDeadline(parseLocalDate('2026-02-10'), 10, 3, cal);
    expect(lightAt(d, false, at('2026-02-25T15:59:59Z'))).toBe('green'); // 2-25 23:59 Shanghai
    expect(lightAt(d, false, at('2026-02-25T16:00:00Z'))).toBe('yellow'); // 2-26 00:00
    expect(lightAt(d, false, at('2026-03-02T15:59:59Z'))).toBe('yellow'); // last second of the last day
    expect(lightAt(d, false, at('2026-03-02T16:00:00Z'))).toBe('red'); // 3-3 00:00
    expect(lightAt(d, true, at('2026-03-10T00:00:00Z'))).toBe('none');
  });

  it('flags a limit reaching into a year without holiday data', () => {
    const d = workingDayDeadline(parseLocalDate('2026-12-20'), 20, 3, cal);
    expect(d.beyondHorizon).toBe(true);
    expect(fixedDeadline(parseLocalDate('2026-11-01'), parseLocalDate('2027-01-20'), 3, cal).beyondHorizon).toBe(true);
    expect(fixedDeadline(parseLocalDate('2026-11-01'), parseLocalDate('2026-12-20'), 3, cal).beyondHorizon).toBe(false);
  });
});

describe('working-day countdown of a limit (the ledger column)', () => {
  const d = (s: string) => parseLocalDate(s);
  it('counts working days left after today, the Spring Festival holiday not counted and make-up Saturdays counted', () => {
    // (2-13, 3-02]: 2-14 (make-up), 2-24, 2-25, 2-26, 2-27, 2-28 (make-up), 3-02.
    expect(workingDaysLeft(d('2026-03-02'), d('2026-02-13'), cal)).toEqual({ days: 7, beyondHorizon: false });
    expect(workingDaysLeft(d('2026-03-02'), d('2026-03-02'), cal).days).toBe(0);
  });
  it('is negative once the last day has passed: minus the working days since', () => {
    expect(workingDaysLeft(d('2026-02-13'), d('2026-02-24'), cal).days).toBe(-2); // 2-14 (make-up) and 2-24
    expect(workingDaysLeft(d('2026-03-02'), d('2026-03-03'), cal).days).toBe(-1);
    // Due Friday, read on Saturday: no working day has passed, yet it is overdue (not "-0", "due today").
    expect(workingDaysLeft(d('2026-03-06'), d('2026-03-07'), cal).days).toBe(-1);
    expect(Object.is(workingDaysLeft(d('2026-02-13'), d('2026-02-16'), cal).days, -0)).toBe(false); // in the holiday
  });
});
