import { addDays, parseLocalDate } from './local-date';
import { endOfShanghaiDay, formatShanghai, shanghaiDateOf, startOfShanghaiDay } from './shanghai-time';

describe('Asia/Shanghai time', () => {
  it('takes the Shanghai calendar date of an instant (UTC+8 day boundary at 16:00Z)', () => {
    expect(shanghaiDateOf(new Date('2026-10-07T15:59:59.999Z'))).toBe('2026-10-07');
    expect(shanghaiDateOf(new Date('2026-10-07T16:00:00.000Z'))).toBe('2026-10-08');
    expect(shanghaiDateOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('ends a day at 24:00 local = next day 00:00 +08:00', () => {
    expect(endOfShanghaiDay(parseLocalDate('2026-10-08')).toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(startOfShanghaiDay(parseLocalDate('2026-10-08')).toISOString()).toBe('2026-10-07T16:00:00.000Z');
    // The last instant still inside the day maps back to the same date.
    const end = endOfShanghaiDay(parseLocalDate('2024-02-29'));
    expect(shanghaiDateOf(new Date(end.getTime() - 1))).toBe('2024-02-29');
    expect(shanghaiDateOf(end)).toBe('2024-03-01');
  });

  it('formats for display in Shanghai time', () => {
    expect(formatShanghai(new Date('2026-10-08T09:30:00Z'))).toBe('2026-10-08 17:30');
    expect(formatShanghai(new Date('2026-10-07T16:05:09Z'), { seconds: true })).toBe('2026-10-08 00:05:09');
    expect(() => formatShanghai(new Date('nope'))).toThrow(RangeError);
  });

  it('agrees with Intl Asia/Shanghai for every day from 1992 to 2040 (the fixed offset is sound)', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    let day = parseLocalDate('1992-01-01');
    while (day < '2041-01-01') {
      const start = startOfShanghaiDay(day);
      const p = Object.fromEntries(intl.formatToParts(start).map((x) => [x.type, x.value]));
      expect(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`).toBe(`${day} 00:00`);
      day = addDays(day, 1);
    }
  });
});
