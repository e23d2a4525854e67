import { monthOf, dayOfMonth, yearOf, type LocalDate } from '@lw/domain';
import type { LookBack } from '../policy/policy-pack';
import { addYears } from './full-years';
import type { RecordFact } from './facts';

/*
 * Look-back convention (one for every item): a window of N years is measured back from the pack's
 * cut-off date, and a record dated EXACTLY N years before the cut-off is INSIDE it. Why: by the
 * period rules the project uses everywhere (Civil Code art. 201–203), an N-year period that starts
 * with an event is counted from the next day and ends at the END of the corresponding day N years
 * later; a sanction of 2017-12-31 has therefore not yet "满 3 年" (run 3 full years) until 2020-12-31
 * is over, so on a cut-off of 2020-12-31 it is still "未满 3 年 / 近 3 年". Records dated after the
 * cut-off (found while the election runs) are inside every window.
 */
export function isWithinYears(recordDate: LocalDate, years: number, cutOff: LocalDate): boolean {
  return addYears(recordDate, years) >= cutOff;
}

/** "Current" items (under investigation, not yet rectified) are judged on the evaluation day; `endsOn` is the last day in effect. */
export function isCurrentOn(record: Pick<RecordFact, 'date' | 'endsOn'>, day: LocalDate): boolean {
  return record.date <= day && (record.endsOn == null || record.endsOn >= day);
}

export function isInLookBack(record: RecordFact, lookBack: LookBack, cutOff: LocalDate, asOf: LocalDate): boolean {
  if (lookBack === 'ever') return true;
  if (lookBack === 'current') return isCurrentOn(record, asOf);
  return isWithinYears(record.date, lookBack.years, cutOff);
}

/**
 * Yearly appraisals carry a year, not a date. "近 3 年" counts the last N COMPLETED appraisal years
 * at the cut-off, plus any later: a cut-off of 2020-12-31 (or 2021-01-31) covers 2018, 2019, 2020.
 * Dating them to a day would make the window 3 or 4 appraisal years depending on whether the cut-off
 * falls on 31 December, so they are counted by year.
 */
export function lastCompletedYear(cutOff: LocalDate): number {
  return monthOf(cutOff) === 12 && dayOfMonth(cutOff) === 31 ? yearOf(cutOff) : yearOf(cutOff) - 1;
}

export function isAppraisalInLookBack(year: number, lookBack: LookBack, cutOff: LocalDate): boolean {
  if (lookBack === 'ever') return true;
  // An appraisal grade is a finding about a finished year: it has no "current" effect to end.
  if (lookBack === 'current') return year >= lastCompletedYear(cutOff);
  return year > lastCompletedYear(cutOff) - lookBack.years;
}
