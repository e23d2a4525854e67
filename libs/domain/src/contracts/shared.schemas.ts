import { z } from 'zod';

/** Division code in significant or 12-digit form. */
export const divisionCodeSchema = z.string().regex(/^\d{2,12}$/, 'division code: 2 to 12 digits');
export const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'local date YYYY-MM-DD');
export const instantSchema = z.string().datetime({ offset: true });
