import { addDays, compareLocalDates, dueDate, endOfShanghaiDay, shanghaiDateOf, startOfShanghaiDay, workingDaysBetween, type LocalDate, type WorkingCalendar } from '@lw/domain';

/** A rectification limit: its last day, when it ends (24:00 Asia/Shanghai) and when the light turns yellow. */
export interface CaseDeadline {
  /** The day counting starts from (not counted itself). */
  startOn: string;
  /** Working days, when the limit was given as a period; null for a fixed date. */
  workingDays: number | null;
  due: string;
  endsAt: string;
  /** First day of the yellow light: N working days or fewer remain after it. */
  yellowOn: string;
  yellowAt: string;
  /** A day it depended on lies in a year without holiday data (computed on plain weekdays). */
  beyondHorizon: boolean;
}

export type Light = 'green' | 'yellow' | 'red' | 'none';

export const LIGHT_LABELS: Readonly<Record<Light, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '—' };

/**
 * The earliest day d with at most `lead` working days in (d, due]: from then on the limit is close.
 * Rest days count for nothing, so a holiday before the due day moves yellow earlier in calendar time.
 */
export function yellowStartOn(due: LocalDate, lead: number, calendar: WorkingCalendar): { on: LocalDate; beyondHorizon: boolean } {
  let d = due;
  let counted = 0;
  let beyondHorizon = false;
  for (let guard = 0; guard < 3660; guard++) {
    const info = calendar.dayInfo(d);
    if (!info.covered) beyondHorizon = true;
    const next = counted + (info.working ? 1 : 0);
    if (next > lead) break;
    counted = next;
    d = addDays(d, -1);
  }
  return { on: d, beyondHorizon };
}

function withYellow(startOn: LocalDate, workingDays: number | null, due: LocalDate, beyond: boolean, lead: number, calendar: WorkingCalendar): CaseDeadline {
  const yellow = yellowStartOn(due, lead, calendar);
  return {
    startOn,
    workingDays,
    due,
    endsAt: endOfShanghaiDay(due).toISOString(),
    yellowOn: yellow.on,
    yellowAt: startOfShanghaiDay(yellow.on).toISOString(),
    beyondHorizon: beyond || yellow.beyondHorizon,
  };
}

/** A limit of N working days from `startOn` (the start day not counted), in Chinese working days. */
export function workingDayDeadline(startOn: LocalDate, workingDays: number, lead: number, calendar: WorkingCalendar): CaseDeadline {
  const d = dueDate(startOn, { amount: workingDays, unit: 'working_days' }, calendar);
  return withYellow(startOn, workingDays, d.due, d.beyondHorizon, lead, calendar);
}

/** A limit set to a fixed last day (an authorised change, 延期). */
export function fixedDeadline(startOn: LocalDate, due: LocalDate, lead: number, calendar: WorkingCalendar): CaseDeadline {
  return withYellow(startOn, null, due, !calendar.covers(due), lead, calendar);
}

/** The light at `now`, computed from the limit itself: never waits for a job to say overdue. */
export function lightAt(deadline: CaseDeadline, closed: boolean, now: Date): Light {
  if (closed) return 'none';
  const t = now.getTime();
  if (t >= Date.parse(deadline.endsAt)) return 'red';
  if (t >= Date.parse(deadline.yellowAt)) return 'yellow';
  return 'green';
}

/** Today in Asia/Shanghai. */
export function shanghaiToday(now: Date): LocalDate {
  return shanghaiDateOf(now);
}

/**
 * The countdown a ledger shows: working days left in (today, due] (0 on the last day itself), or,
 * once the limit has passed, minus the working days in (due, today] (at least 1). Today is the Asia/Shanghai date.
 */
export function workingDaysLeft(due: LocalDate, today: LocalDate, calendar: WorkingCalendar): { days: number; beyondHorizon: boolean } {
  if (compareLocalDates(today, due) <= 0) return workingDaysBetween(today, due, calendar);
  const past = workingDaysBetween(due, today, calendar);
  // Past due over a weekend or holiday has no working day in (due, today]: still overdue, never "-0".
  return { days: -Math.max(1, past.days), beyondHorizon: past.beyondHorizon };
}
