import { addDays, bundledChineseDaysData, WorkingCalendar, type LocalDate } from '@lw/domain';
import { reminderAt, remainingOf, startDeadline, type TipDeadline } from './deadline';
import { DEFAULT_TIP_POLICY } from './tip-policy';

const calendar = new WorkingCalendar(bundledChineseDaysData());
const START = new Date('2026-09-18T10:00:00+08:00');

describe('startDeadline', () => {
  it('records the period, its start and where it ends', () => {
    expect(startDeadline('acceptance', START, { amount: 15, unit: 'calendar_days' }, calendar)).toEqual({
      kind: 'acceptance',
      period: { amount: 15, unit: 'calendar_days' },
      startedAt: '2026-09-18T02:00:00.000Z',
      due: '2026-10-08',
      endsAt: '2026-10-08T16:00:00.000Z',
      beyondHorizon: false,
    });
  });

  it('says so when it had to count a year the calendar has no data for', () => {
    const d = startDeadline('conclusion', new Date('2099-03-02T02:00:00Z'), { amount: 5, unit: 'working_days' }, calendar);
    expect(d.beyondHorizon).toBe(true);
  });
});

describe('reminderAt', () => {
  const policy = DEFAULT_TIP_POLICY; // 3 days before a day limit, 4 hours before an hours limit

  it('reminds a day-counted limit the configured days before its end', () => {
    const d = startDeadline('acceptance', START, { amount: 15, unit: 'calendar_days' }, calendar);
    expect(reminderAt(d, policy).toISOString()).toBe('2026-10-05T16:00:00.000Z');
  });

  it('reminds an hours limit the configured hours before its end', () => {
    const d = startDeadline('acknowledgement', START, { amount: 24, unit: 'hours' }, calendar);
    expect(reminderAt(d, policy).toISOString()).toBe('2026-09-18T22:00:00.000Z');
  });

  it('a date-fixed limit (objection) counts as day-based, and never reminds before it started', () => {
    const objection: TipDeadline = {
      kind: 'objection',
      period: null,
      startedAt: '2026-09-24T02:00:00.000Z',
      due: '2026-09-25',
      endsAt: '2026-09-25T16:00:00.000Z',
      beyondHorizon: false,
    };
    expect(reminderAt(objection, policy).toISOString()).toBe('2026-09-24T02:00:00.000Z');
    expect(reminderAt({ ...objection, startedAt: '2026-09-01T00:00:00.000Z' }, policy).toISOString()).toBe('2026-09-22T16:00:00.000Z');
  });
});

describe('remainingOf', () => {
  const NOW = new Date('2026-09-30T10:00:00+08:00');
  const endOf = (due: string) => new Date(`${due}T00:00:00+08:00`).getTime() + 86_400_000;

  it('counts hours for an hours limit, rounding up', () => {
    const endsAt = new Date(NOW.getTime() + 5.5 * 3_600_000).toISOString();
    expect(remainingOf({ period: { amount: 24, unit: 'hours' }, due: '2026-09-30', endsAt }, NOW, calendar)).toEqual({ unit: 'hours', value: 6, overdue: false, label: '剩余 6 小时' });
  });

  it('counts only working days for a working-day limit (the National Day week does not count)', () => {
    const due = '2026-10-12';
    const r = remainingOf({ period: { amount: 15, unit: 'working_days' }, due, endsAt: new Date(endOf(due)).toISOString() }, NOW, calendar);
    let expected = 0;
    for (let d = addDays('2026-09-30' as LocalDate, 1); d <= due; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) expected++;
    expect(r).toEqual({ unit: 'working_days', value: expected, overdue: false, label: `剩余 ${expected} 个工作日` });
    expect(expected).toBeLessThan(12 - 5);
  });

  it('counts calendar days, says when a limit ends today, and how long ago one ended', () => {
    const cal = (due: string) => remainingOf({ period: { amount: 60, unit: 'calendar_days' }, due, endsAt: new Date(endOf(due)).toISOString() }, NOW, calendar);
    expect(cal('2026-10-03')).toMatchObject({ value: 3, label: '剩余 3 天', overdue: false });
    expect(cal('2026-09-30')).toMatchObject({ value: 0, label: '今日截止', overdue: false });
    expect(cal('2026-09-28')).toMatchObject({ value: 2, label: '已超期 2 天', overdue: true });
    // A notice's end (no period) counts in calendar days.
    expect(remainingOf({ period: null, due: '2026-10-02', endsAt: new Date(endOf('2026-10-02')).toISOString() }, NOW, calendar).label).toBe('剩余 2 天');
  });
});
