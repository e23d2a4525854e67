import { DomainError } from '../errors/domain-error';

/**
 * Asked about a day of a year for which no holiday arrangement is known (neither the package nor an
 * administrator has provided one). Answering from weekdays alone would silently be wrong around
 * Chinese holidays, so the calendar refuses; an administrator must load that year's arrangement.
 */
export class CalendarHorizonError extends DomainError {
  constructor(readonly year: number, readonly horizon: number) {
    super(
      'calendar.beyond_horizon',
      `尚未录入 ${year} 年的节假日安排，无法确定工作日，请管理员先录入国务院办公厅当年的放假通知`,
      `no holiday arrangement for year ${year} (calendar covers up to ${horizon})`,
    );
  }
}
