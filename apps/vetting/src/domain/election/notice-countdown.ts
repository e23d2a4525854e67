import { addDays, workingDaysBetween, type LocalDate, type WorkingCalendar } from '@lw/domain';

/** What a board shows of a running notice: the working days (工作日) still open, today included. */
export interface NoticeCountdown {
  endsOn: string;
  /**
   * Working days from today to the last day of the notice, both included (a notice ending today,
   * a working day, has 1 left; one that ended yesterday has 0). Counted on the official calendar.
   */
  workingDaysLeft: number;
  /** Part of the span lies beyond the calendar's data: counted on plain weekdays, flagged. */
  beyondHorizon: boolean;
}

/** The countdown of a notice ending on `endsOn`, seen on `today` (both Shanghai dates). */
export function noticeCountdown(endsOn: string, today: LocalDate, calendar: WorkingCalendar): NoticeCountdown {
  const { days, beyondHorizon } = workingDaysBetween(addDays(today, -1), endsOn as LocalDate, calendar);
  return { endsOn, workingDaysLeft: days, beyondHorizon };
}
