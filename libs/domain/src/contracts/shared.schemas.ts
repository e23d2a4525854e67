import { z } from 'zod';
import { isLocalDate } from '../time/local-date';

/** Division code in significant or 12-digit form. */
export const divisionCodeSchema = z.string().regex(/^\d{2,12}$/, 'division code: 2 to 12 digits');
/** A real calendar day "YYYY-MM-DD" (2026-02-30 is rejected, not rolled over). */
export const localDateSchema = z.string().refine(isLocalDate, 'local date YYYY-MM-DD');
/** An instant in UTC ("…Z"), as Date#toISOString writes it; offsets are refused so strings sort and compare. */
export const instantSchema = z.iso.datetime();
