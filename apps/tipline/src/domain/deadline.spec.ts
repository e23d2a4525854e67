import { bundledChineseDaysData, WorkingCalendar } from '@lw/domain';
import { reminderAt, startDeadline, type TipDeadline } from './deadline';
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
