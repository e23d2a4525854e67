import { addDays, daysBetween, dueDate, shanghaiDateOf, type LocalDate, type Period, type WorkingCalendar } from '@lw/domain';

/** The time limits a tip can run against. */
export type DeadlineKind = 'acknowledgement' | 'acceptance' | 'objection' | 'conclusion' | 'feedback';

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, string>> = {
  acknowledgement: '选举期间举报确认',
  acceptance: '受理告知',
  objection: '公示期内答复异议',
  conclusion: '办结',
  feedback: '结果反馈',
};

/**
 * One time limit as decided when it started, kept in the event so a later calendar change does not
 * rewrite history. `period` is null for a limit fixed by a date (the end of a public notice).
 */
export interface TipDeadline {
  kind: DeadlineKind;
  period: Period | null;
  /** ISO instant the period started from (its day is not counted). */
  startedAt: string;
  /** Last day, Asia/Shanghai. */
  due: string;
  /** ISO instant it ends: 24:00 Asia/Shanghai of `due`, or start + N hours. */
  endsAt: string;
  /** Computed partly from plain weekdays: the calendar had no data for a year it needed. */
  beyondHorizon: boolean;
}

export function startDeadline(kind: DeadlineKind, start: Date, period: Period, calendar: WorkingCalendar): TipDeadline {
  const d = dueDate(start, period, calendar);
  return { kind, period, startedAt: start.toISOString(), due: d.due, endsAt: d.endsAt.toISOString(), beyondHorizon: d.beyondHorizon };
}

/** When a reminder for this limit goes out. */
export function reminderAt(d: TipDeadline, policy: { remindDaysBefore: number; remindHoursBefore: number }): Date {
  const end = Date.parse(d.endsAt);
  const lead = d.period?.unit === 'hours' ? policy.remindHoursBefore * 3_600_000 : policy.remindDaysBefore * 86_400_000;
  return new Date(Math.max(Date.parse(d.startedAt), end - lead));
}

/** What is left of a limit, in the unit it runs in (hours, working days or calendar days), for a clerk to read. */
export interface Remaining {
  unit: 'hours' | 'working_days' | 'calendar_days';
  /** Hours or days left (0 = ends today); when overdue, how long past it (hours, or calendar days). */
  value: number;
  overdue: boolean;
  /** "剩余 3 个工作日", "剩余 5 小时", "今日截止", "已超期 2 天". */
  label: string;
}

const MAX_COUNT = 3660;

export function remainingOf(d: Pick<TipDeadline, 'period' | 'due' | 'endsAt'>, now: Date, calendar: WorkingCalendar): Remaining {
  const unit = d.period?.unit ?? 'calendar_days';
  const end = Date.parse(d.endsAt);
  const today = shanghaiDateOf(now);
  const due = d.due as LocalDate;
  if (now.getTime() >= end) {
    if (unit === 'hours') {
      const h = Math.max(1, Math.ceil((now.getTime() - end) / 3_600_000));
      return { unit, value: h, overdue: true, label: `已超期 ${h} 小时` };
    }
    const days = Math.max(1, daysBetween(due, today));
    return { unit: 'calendar_days', value: days, overdue: true, label: `已超期 ${days} 天` };
  }
  if (unit === 'hours') {
    const h = Math.ceil((end - now.getTime()) / 3_600_000);
    return { unit, value: h, overdue: false, label: `剩余 ${h} 小时` };
  }
  if (unit === 'working_days') {
    let n = 0;
    // Working days after today up to the last day; beyond the calendar's data, plain weekdays.
    for (let day = addDays(today, 1), i = 0; day <= due && i < MAX_COUNT; day = addDays(day, 1), i++) {
      const info = calendar.dayInfo(day);
      if (info.working) n++;
    }
    return { unit, value: n, overdue: false, label: n === 0 ? '今日截止' : `剩余 ${n} 个工作日` };
  }
  const n = daysBetween(today, due);
  return { unit: 'calendar_days', value: n, overdue: false, label: n === 0 ? '今日截止' : `剩余 ${n} 天` };
}
