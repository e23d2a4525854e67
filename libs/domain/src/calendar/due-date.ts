import { DomainValidationError } from '../errors/domain-error';
import { addDays, type LocalDate } from '../time/local-date';
import { endOfShanghaiDay, shanghaiDateOf } from '../time/shanghai-time';
import { validatePeriod, type Period } from './period';
import type { WorkingCalendar } from './working-calendar';

export interface Deadline {
  /** The last day of the period (Asia/Shanghai). */
  due: LocalDate;
  /** The instant the period ends: 24:00 Asia/Shanghai of `due` (for hours: start + N hours). */
  endsAt: Date;
  /**
   * True when a day the computation depended on lies in a year without holiday data: that part was
   * computed from plain weekdays and may be wrong. Callers must surface it, not ignore it.
   */
  beyondHorizon: boolean;
}

/**
 * When a period ends, per the Civil Code (art. 201, 203) as DOMAIN.md applies it:
 * - the day the period starts is not counted: counting begins the next day (Asia/Shanghai);
 * - calendar days: if the last day is a rest day (weekend or holiday per the calendar, 调休 make-up
 *   days being working days) the period ends on the next working day;
 * - working days: only working days are counted, make-up weekend days included;
 * - a period ends at the end of its last day (24:00 Asia/Shanghai);
 * - hours: the start instant plus N hours (needs an instant, not a date).
 */
export function dueDate(start: Date | LocalDate, period: Period, calendar: WorkingCalendar): Deadline {
  const { amount, unit } = validatePeriod(period);
  if (unit === 'hours') {
    if (!(start instanceof Date)) {
      throw new DomainValidationError('period.hours_need_instant', '以小时计算的期限须从具体时刻起算', 'an hours period needs a start instant, not a date');
    }
    const endsAt = new Date(start.getTime() + amount * 3_600_000);
    return { due: shanghaiDateOf(endsAt), endsAt, beyondHorizon: false };
  }

  const startDay = start instanceof Date ? shanghaiDateOf(start) : start;
  let beyondHorizon = false;
  const working = (d: LocalDate) => {
    const info = calendar.dayInfo(d);
    if (!info.covered) beyondHorizon = true;
    return info.working;
  };

  let due: LocalDate;
  if (unit === 'calendar_days') {
    due = addDays(startDay, amount);
    // Rest days run a few days at most; a calendar loaded with a whole run of them is refused, not followed.
    for (let rest = 0; !working(due); rest++) {
      if (rest >= MAX_REST_RUN) throw noWorkingDay(due);
      due = addDays(due, 1);
    }
  } else {
    // Bounded: amount ≤ validatePeriod's maximum, and addDays refuses to leave the year 9999.
    due = startDay;
    for (let counted = 0; counted < amount; ) {
      due = addDays(due, 1);
      if (working(due)) counted++;
    }
  }
  return { due, endsAt: endOfShanghaiDay(due), beyondHorizon };
}

/**
 * Working days in (from, to]: `from` itself is not counted, as with periods. Zero if to ≤ from.
 * Numeric and bounded whatever the distance (see WorkingCalendar.countWorkingDays).
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkingCalendar): { days: number; beyondHorizon: boolean } {
  return calendar.countWorkingDays(from, to);
}

/** More consecutive rest days than any real arrangement has (the longest holiday is under two weeks). */
const MAX_REST_RUN = 366;

function noWorkingDay(from: LocalDate): DomainValidationError {
  return new DomainValidationError('calendar.no_working_day', '节假日安排中连续一年以上没有工作日，无法计算期限，请管理员核对节假日安排', `no working day within ${MAX_REST_RUN} days from ${from}`);
}
