import { dueDate, type Period, type WorkingCalendar } from '@lw/domain';

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
