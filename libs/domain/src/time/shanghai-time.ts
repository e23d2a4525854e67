import { addDays, epochDayOf, fromEpochDay, type LocalDate } from './local-date';

/**
 * Asia/Shanghai is a fixed UTC+08:00: China has observed no daylight saving time since 1991
 * (IANA tzdata has none after 1991-09-15). We use the fixed offset rather than Intl so results do
 * not depend on the ICU build and stay cheap in hot paths; a test checks agreement with Intl.
 * Instants before 1992 may differ from Intl by the 1986–1991 summer hour; the domain only converts
 * instants of its own era (birth dates are LocalDates, never instants).
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The calendar date in Asia/Shanghai at the given instant. */
export function shanghaiDateOf(instant: Date): LocalDate {
  assertValid(instant);
  return fromEpochDay(Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS));
}

/** The UTC instant of 00:00 Asia/Shanghai on `date`. */
export function startOfShanghaiDay(date: LocalDate): Date {
  return new Date(epochDayOf(date) * DAY_MS - OFFSET_MS);
}

/**
 * The UTC instant of 24:00 Asia/Shanghai on `date` (= 00:00 of the next day). A period "ends at the
 * end of its last day": it is still running at any instant strictly before this one.
 */
export function endOfShanghaiDay(date: LocalDate): Date {
  return startOfShanghaiDay(addDays(date, 1));
}

/** "2026-10-08 17:30" in Asia/Shanghai, for display. */
export function formatShanghai(instant: Date, opts: { seconds?: boolean } = {}): string {
  assertValid(instant);
  const iso = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, opts.seconds ? 19 : 16)}`;
}

function assertValid(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('invalid Date instant');
}
