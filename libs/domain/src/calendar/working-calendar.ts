import { DomainValidationError } from '../errors/domain-error';
import { dayOfWeekOfEpochDay, epochDayOf, fromEpochDay, isWeekend, yearOf, type LocalDate } from '../time/local-date';
import { CalendarHorizonError } from './calendar-horizon-error';
import { bundledChineseDaysData, CHINESE_DAYS_SOURCE, chineseNameOf, type ChineseDaysData } from './chinese-days-data';
import { validateYearArrangement, type YearArrangement } from './year-arrangement';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday';

/** Everything the calendar knows about one day; `covered: false` means `kind` is a weekday guess. */
export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  /** Holiday name (国庆节…) for holidays and make-up days. */
  name: string | null;
  covered: boolean;
}

interface YearData {
  source: string;
  holidays: Map<string, string>;
  makeUpWorkdays: Map<string, string>;
}

/**
 * Chinese working days: statutory holidays and 调休 make-up working days on top of the week.
 * Built from the `chinese-days` package's data plus administrator-loaded arrangements; a loaded year
 * replaces the package's data for that year. Years with no data at all are "beyond the horizon":
 * `isWorkingDay` throws there rather than answer from weekdays alone. Immutable.
 */
export class WorkingCalendar {
  private readonly years: ReadonlyMap<number, YearData>;

  constructor(packageData: ChineseDaysData, loaded: readonly YearArrangement[] = []) {
    const years = new Map<number, YearData>();
    const yearFor = (date: string) => {
      const y = Number(date.slice(0, 4));
      let data = years.get(y);
      if (!data) years.set(y, (data = { source: CHINESE_DAYS_SOURCE, holidays: new Map(), makeUpWorkdays: new Map() }));
      return data;
    };
    for (const [date, v] of Object.entries(packageData.holidays)) yearFor(date).holidays.set(date, chineseNameOf(v));
    for (const [date, v] of Object.entries(packageData.workdays)) yearFor(date).makeUpWorkdays.set(date, chineseNameOf(v));

    const loadedYears = new Set<number>();
    for (const raw of loaded) {
      const a = validateYearArrangement(raw);
      if (loadedYears.has(a.year)) {
        throw new DomainValidationError('calendar.duplicate_year', `${a.year} 年的节假日安排重复录入`, `two arrangements loaded for year ${a.year}`);
      }
      loadedYears.add(a.year);
      years.set(a.year, {
        source: a.source,
        holidays: new Map(a.holidays.map((d) => [d.date, d.name])),
        makeUpWorkdays: new Map(a.makeUpWorkdays.map((d) => [d.date, d.name])),
      });
    }
    this.years = years;
  }

  /** Years that have holiday data, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** The last year with data (package years ∪ loaded years). */
  horizon(): number {
    return Math.max(...this.years.keys());
  }

  covers(dateOrYear: LocalDate | number): boolean {
    return this.years.has(typeof dateOrYear === 'number' ? dateOrYear : yearOf(dateOrYear));
  }

  /** Where a year's data came from: 'chinese-days' or the loaded notice (国办发明电…); null if none. */
  sourceOf(year: number): string | null {
    return this.years.get(year)?.source ?? null;
  }

  /** Never throws: beyond the horizon it answers by weekday and says so with `covered: false`. */
  dayInfo(date: LocalDate): DayInfo {
    const data = this.years.get(yearOf(date));
    const holiday = data?.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday, covered: true };
    const makeUp = data?.makeUpWorkdays.get(date);
    if (makeUp !== undefined) return { date, working: true, kind: 'make_up_workday', name: makeUp, covered: true };
    const weekend = isWeekend(date);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', name: null, covered: data !== undefined };
  }

  /**
   * Working days in (from, to], as dayInfo would count them day by day, but in time bounded by the
   * calendar's data rather than the distance: weekdays by whole weeks plus a remainder under seven,
   * then each holiday and make-up day of the covered years inside the range. Zero if to ≤ from.
   * `beyondHorizon` when some year of the range has no data (counted on plain weekdays).
   */
  countWorkingDays(from: LocalDate, to: LocalDate): { days: number; beyondHorizon: boolean } {
    const first = epochDayOf(from) + 1;
    const last = epochDayOf(to);
    if (last < first) return { days: 0, beyondHorizon: false };
    const inRange = (date: string) => {
      const n = epochDayOf(date as LocalDate);
      return n >= first && n <= last;
    };
    const span = last - first + 1;
    let days = Math.floor(span / 7) * 5;
    for (let n = first + span - (span % 7); n <= last; n++) if (!isWeekendEpochDay(n)) days++;

    const firstYear = yearOf(fromEpochDay(first));
    const lastYear = yearOf(to);
    let coveredYears = 0;
    for (const [year, data] of this.years) {
      if (year < firstYear || year > lastYear) continue;
      coveredYears++;
      for (const date of data.holidays.keys()) if (inRange(date) && !isWeekend(date as LocalDate)) days--;
      for (const date of data.makeUpWorkdays.keys()) if (inRange(date) && !data.holidays.has(date) && isWeekend(date as LocalDate)) days++;
    }
    return { days, beyondHorizon: coveredYears < lastYear - firstYear + 1 };
  }

  /** @throws CalendarHorizonError for a year without data. */
  isWorkingDay(date: LocalDate): boolean {
    const info = this.dayInfo(date);
    if (!info.covered) throw new CalendarHorizonError(yearOf(date), this.horizon());
    return info.working;
  }
}

/** The calendar from the bundled `chinese-days` data plus the arrangements an administrator loaded. */
export function defaultWorkingCalendar(loaded: readonly YearArrangement[] = []): WorkingCalendar {
  return new WorkingCalendar(bundledChineseDaysData(), loaded);
}

function isWeekendEpochDay(n: number): boolean {
  const w = dayOfWeekOfEpochDay(n);
  return w === 0 || w === 6;
}
