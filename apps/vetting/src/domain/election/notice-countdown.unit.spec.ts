import { defaultWorkingCalendar, type LocalDate } from '@lw/domain';
import { noticeCountdown } from './notice-countdown';

describe('notice countdown in working days (the board)', () => {
  const calendar = defaultWorkingCalendar();
  const on = (today: string, endsOn: string) => noticeCountdown(endsOn, today as LocalDate, calendar);

  it('counts today and the last day, skipping the National Day holiday and counting its make-up Saturday', () => {
    // 2026-10-01…07 国庆节 (rest), 2026-10-10 a Saturday worked (调休).
    expect(on('2026-09-30', '2026-10-10')).toEqual({ endsOn: '2026-10-10', workingDaysLeft: 4, beyondHorizon: false });
    expect(on('2026-10-01', '2026-10-08')).toEqual({ endsOn: '2026-10-08', workingDaysLeft: 1, beyondHorizon: false });
  });

  it('has 1 left on its last working day, 0 once over, and never a negative count', () => {
    expect(on('2026-12-31', '2026-12-31').workingDaysLeft).toBe(1);
    expect(on('2026-12-05', '2026-12-04').workingDaysLeft).toBe(0);
    expect(on('2026-12-20', '2026-12-04').workingDaysLeft).toBe(0);
  });

  it('flags a span beyond the calendar data instead of counting it silently', () => {
    const r = on('2026-12-30', '2027-01-05');
    expect(r.beyondHorizon).toBe(true);
    expect(r.workingDaysLeft).toBeGreaterThan(0);
  });
});
