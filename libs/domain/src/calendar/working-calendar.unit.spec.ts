import { parseLocalDate as d } from '../time/local-date';
import { CalendarHorizonError } from './calendar-horizon-error';
import { bundledChineseDaysData } from './chinese-days-data';
import { defaultWorkingCalendar, WorkingCalendar } from './working-calendar';
import type { YearArrangement } from './year-arrangement';
import { fake2027 } from './fake-arrangement.fixture';

describe('WorkingCalendar', () => {
  const cal = defaultWorkingCalendar();

  it('reads the package data: 2025 Spring Festival and National Day arrangement', () => {
    // Verified against node_modules/chinese-days/dist/chinese-days.json (国办发明电〔2024〕12号).
    expect(cal.dayInfo(d('2025-01-26'))).toMatchObject({ working: true, kind: 'make_up_workday', name: '春节' }); // Sunday
    expect(cal.dayInfo(d('2025-02-08'))).toMatchObject({ working: true, kind: 'make_up_workday' }); // Saturday
    for (const day of ['2025-01-28', '2025-02-04', '2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) {
      expect(cal.isWorkingDay(d(day))).toBe(false);
    }
    expect(cal.dayInfo(d('2025-10-06')).name).toBe('中秋');
    expect(cal.isWorkingDay(d('2025-09-28'))).toBe(true); // Sunday, make-up
    expect(cal.isWorkingDay(d('2025-10-11'))).toBe(true); // Saturday, make-up
    expect(cal.isWorkingDay(d('2025-10-09'))).toBe(true); // plain Thursday
    expect(cal.isWorkingDay(d('2025-10-12'))).toBe(false); // plain Sunday
  });

  it('knows its horizon and refuses to answer beyond it instead of guessing from weekdays', () => {
    expect(cal.horizon()).toBe(2026);
    expect(cal.covers(2004)).toBe(true);
    expect(cal.covers(2003)).toBe(false);
    // 2027-10-01 is a Friday: a weekday-only answer would call it a working day.
    expect(() => cal.isWorkingDay(d('2027-10-01'))).toThrow(CalendarHorizonError);
    expect(() => cal.isWorkingDay(d('2003-10-01'))).toThrow(CalendarHorizonError);
    expect(cal.dayInfo(d('2027-10-01'))).toMatchObject({ covered: false, working: true, kind: 'workday' });
    try {
      cal.isWorkingDay(d('2027-10-01'));
    } catch (e) {
      expect(e).toMatchObject({ year: 2027, horizon: 2026, code: 'calendar.beyond_horizon' });
      expect((e as CalendarHorizonError).messageZh).toContain('2027');
    }
  });

  it('covers a loaded year, and a loaded year replaces the package data for that year', () => {
    const withLoaded = defaultWorkingCalendar([fake2027]);
    expect(withLoaded.horizon()).toBe(2027);
    expect(withLoaded.isWorkingDay(d('2027-10-01'))).toBe(false);
    expect(withLoaded.isWorkingDay(d('2027-10-09'))).toBe(true); // Saturday made a workday
    expect(withLoaded.sourceOf(2027)).toBe('测试用〔2027〕1号');
    expect(withLoaded.sourceOf(2026)).toBe('chinese-days');

    // Replace 2026 with an arrangement that has no National Day at all: the package's days vanish.
    const bare2026: YearArrangement = { year: 2026, source: '替换测试', holidays: [{ date: '2026-01-01', name: '元旦' }], makeUpWorkdays: [] };
    const replaced = defaultWorkingCalendar([bare2026]);
    expect(cal.isWorkingDay(d('2026-10-08'))).toBe(true);
    expect(cal.isWorkingDay(d('2026-10-05'))).toBe(false);
    expect(replaced.isWorkingDay(d('2026-10-05'))).toBe(true); // Monday, no longer a holiday
    expect(replaced.isWorkingDay(d('2026-10-10'))).toBe(false); // Saturday, no longer a make-up day
    expect(replaced.isWorkingDay(d('2026-01-01'))).toBe(false);
  });

  it('treats a gap year between package data and a loaded later year as uncovered', () => {
    const far = defaultWorkingCalendar([{ ...fake2027, year: 2028, holidays: [{ date: '2028-10-02', name: '国庆节' }], makeUpWorkdays: [] }]);
    expect(far.horizon()).toBe(2028);
    expect(far.covers(2027)).toBe(false);
    expect(() => far.isWorkingDay(d('2027-06-01'))).toThrow(CalendarHorizonError);
  });

  it('rejects invalid or duplicate loaded arrangements when built', () => {
    expect(() => defaultWorkingCalendar([fake2027, fake2027])).toThrow(/twice|duplicate|two arrangements/);
    expect(() => new WorkingCalendar(bundledChineseDaysData(), [{ ...fake2027, source: '' }])).toThrow(/source/);
  });

  it('agrees with the package for every date it lists (make-up days are weekends, holidays are rest days)', () => {
    const data = bundledChineseDaysData();
    for (const date of Object.keys(data.holidays)) expect(cal.isWorkingDay(d(date))).toBe(false);
    for (const date of Object.keys(data.workdays)) expect(cal.dayInfo(d(date))).toMatchObject({ working: true, kind: 'make_up_workday' });
    for (const date of Object.keys(data.inLieuDays ?? {})) expect(cal.isWorkingDay(d(date))).toBe(false);
  });
});
