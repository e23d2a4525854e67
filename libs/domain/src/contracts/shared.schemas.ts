import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../time/local-date';
import { dateRangeMessageZh, isWithinDateRange, REQUEST_DATE_RANGE, type DateRange } from '../time/request-date-range';

/** Division code in significant or 12-digit form. */
export const divisionCodeSchema = z.string().regex(/^\d{2,12}$/, 'division code: 2 to 12 digits');
/** A real calendar day "YYYY-MM-DD" (2026-02-30 is rejected, not rolled over). */
export const localDateSchema = z.string().refine(isLocalDate, 'local date YYYY-MM-DD');
/** An instant in UTC ("…Z"), as Date#toISOString writes it; offsets are refused so strings sort and compare. */
export const instantSchema = z.iso.datetime();

/**
 * A date a request carries: a real "YYYY-MM-DD" inside REQUEST_DATE_RANGE (far dates such as
 * 9999-12-31 are refused at the door, whatever the domain would do with them). Every request schema
 * builds its dates with this, each with its own Chinese wording for a malformed date.
 */
export function requestDateSchema(invalidZh = '日期应为 YYYY-MM-DD 格式的有效日期', range: DateRange = REQUEST_DATE_RANGE) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? '请填写日期' : invalidZh) })
    .refine(isLocalDate, { message: invalidZh, abort: true })
    .refine((d) => isWithinDateRange(d as LocalDate, range), dateRangeMessageZh(range))
    .transform((d) => d as LocalDate);
}
