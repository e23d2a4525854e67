import { DomainValidationError } from '../errors/domain-error';
import { isLocalDate, isWeekend, yearOf, type LocalDate } from '../time/local-date';
import { REQUEST_DATE_RANGE } from '../time/request-date-range';

export interface ArrangementDay {
  date: string;
  /** Holiday name, e.g. 国庆节. */
  name: string;
}

/**
 * One year's holiday arrangement as published by the General Office of the State Council and
 * loaded by an administrator. It replaces whatever the package knows about that year.
 */
export interface YearArrangement {
  year: number;
  /** Every rest day of the holidays, including weekends that fall inside a holiday. */
  holidays: ArrangementDay[];
  /** 调休: weekend dates that are working days. */
  makeUpWorkdays: ArrangementDay[];
  /** The notice it comes from, e.g. 国办发明电〔2025〕7号. */
  source: string;
}

/** A validated arrangement, dates typed. */
export interface ValidYearArrangement {
  year: number;
  holidays: ReadonlyArray<{ date: LocalDate; name: string }>;
  makeUpWorkdays: ReadonlyArray<{ date: LocalDate; name: string }>;
  source: string;
}

/**
 * Checks an arrangement before it is trusted: year plausible, every date real and inside the year,
 * no duplicates, no date both holiday and make-up day, make-up days on weekends, names and source
 * present. Reports every problem at once (administrators fix a whole notice in one go).
 */
export function validateYearArrangement(a: YearArrangement): ValidYearArrangement {
  const problems: { zh: string; en: string }[] = [];
  const fail = (zh: string, en: string) => problems.push({ zh, en });

  const lastYear = yearOf(REQUEST_DATE_RANGE.latest);
  if (!Number.isInteger(a?.year) || a.year < 1949 || a.year > lastYear) {
    fail(`年份无效：${String(a?.year)}（应为 1949 至 ${lastYear} 年）`, `invalid year ${String(a?.year)} (1949..${lastYear})`);
  }
  if (typeof a?.source !== 'string' || a.source.trim() === '') fail('缺少放假通知文号', 'missing source');
  if (!Array.isArray(a?.holidays)) fail('节假日列表缺失', 'holidays is not an array');
  if (!Array.isArray(a?.makeUpWorkdays)) fail('调休上班日列表缺失', 'makeUpWorkdays is not an array');
  if (problems.length) throw toError(problems);

  const seen = new Map<string, 'holiday' | 'workday'>();
  const check = (list: ArrangementDay[], kind: 'holiday' | 'workday') => {
    const zhKind = kind === 'holiday' ? '节假日' : '调休上班日';
    for (const day of list) {
      const date = day?.date;
      if (!isLocalDate(date)) {
        fail(`${zhKind}日期格式不正确：${String(date)}`, `${kind} date malformed: ${JSON.stringify(date)}`);
        continue;
      }
      if (yearOf(date) !== a.year) fail(`${zhKind} ${date} 不在 ${a.year} 年内`, `${kind} ${date} is outside year ${a.year}`);
      if (typeof day.name !== 'string' || day.name.trim() === '') fail(`${zhKind} ${date} 缺少名称`, `${kind} ${date} has no name`);
      const prior = seen.get(date);
      if (prior === kind) fail(`${zhKind} ${date} 重复`, `${kind} ${date} listed twice`);
      else if (prior) fail(`${date} 不能既是节假日又是调休上班日`, `${date} is both a holiday and a make-up workday`);
      else seen.set(date, kind);
      if (kind === 'workday' && !isWeekend(date)) fail(`调休上班日 ${date} 不是周末`, `make-up workday ${date} is not a weekend day`);
    }
  };
  check(a.holidays, 'holiday');
  check(a.makeUpWorkdays, 'workday');
  if (problems.length) throw toError(problems);

  return {
    year: a.year,
    source: a.source.trim(),
    holidays: a.holidays.map((d) => ({ date: d.date as LocalDate, name: d.name.trim() })),
    makeUpWorkdays: a.makeUpWorkdays.map((d) => ({ date: d.date as LocalDate, name: d.name.trim() })),
  };
}

function toError(problems: { zh: string; en: string }[]): DomainValidationError {
  return new DomainValidationError(
    'calendar.invalid_arrangement',
    `节假日安排有误：${problems.map((p) => p.zh).join('；')}`,
    `invalid year arrangement: ${problems.map((p) => p.en).join('; ')}`,
  );
}
