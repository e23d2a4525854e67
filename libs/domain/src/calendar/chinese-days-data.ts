import packageJson from 'chinese-days/dist/chinese-days.json';

/**
 * Shape of `chinese-days/dist/chinese-days.json`: dates "yyyy-mm-dd" mapped to
 * "English name,中文名,days" (e.g. "National Day,国庆节,3"). `holidays` lists every rest day of a
 * holiday (weekends inside it included), `workdays` the 调休 make-up working days (weekend dates),
 * `inLieuDays` the weekdays given off in exchange (a subset of `holidays`, informational only).
 */
export interface ChineseDaysData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
  inLieuDays?: Readonly<Record<string, string>>;
}

/** Label recorded as the source of years taken from the package. */
export const CHINESE_DAYS_SOURCE = 'chinese-days';

/** The data bundled with the installed `chinese-days` package. */
export function bundledChineseDaysData(): ChineseDaysData {
  return packageJson;
}

/** "National Day,国庆节,3" → "国庆节" (falls back to the raw value if the shape ever changes). */
export function chineseNameOf(value: string): string {
  const parts = value.split(',');
  return parts.length >= 2 && parts[1] ? parts[1] : value;
}
