import { DomainValidationError } from '../errors/domain-error';
import { validateYearArrangement, type YearArrangement } from './year-arrangement';

const base: YearArrangement = {
  year: 2027,
  source: '国办发明电〔2026〕X号',
  holidays: [{ date: '2027-10-01', name: '国庆节' }, { date: '2027-10-02', name: '国庆节' }],
  makeUpWorkdays: [{ date: '2027-09-26', name: '国庆节' }],
};

function errorOf(a: unknown): DomainValidationError {
  try {
    validateYearArrangement(a as YearArrangement);
  } catch (e) {
    return e as DomainValidationError;
  }
  throw new Error('expected a validation error');
}

describe('validateYearArrangement', () => {
  it('accepts a valid arrangement and trims names and source', () => {
    const v = validateYearArrangement({ ...base, source: ' 国办发明电〔2026〕X号 ', holidays: [{ date: '2027-10-01', name: ' 国庆节 ' }] });
    expect(v.source).toBe('国办发明电〔2026〕X号');
    expect(v.holidays).toEqual([{ date: '2027-10-01', name: '国庆节' }]);
  });

  it.each<[string, Partial<YearArrangement>, RegExp]>([
    ['a date outside the year', { holidays: [{ date: '2026-12-31', name: '元旦' }] }, /outside year 2027/],
    ['a date both holiday and workday', { makeUpWorkdays: [{ date: '2027-10-02', name: '国庆节' }] }, /both a holiday and a make-up/],
    ['a duplicate holiday', { holidays: [{ date: '2027-10-01', name: '国庆节' }, { date: '2027-10-01', name: '国庆节' }] }, /listed twice/],
    ['a malformed date', { holidays: [{ date: '2027-1-01', name: '元旦' }] }, /malformed/],
    ['an impossible date', { holidays: [{ date: '2027-02-29', name: '春节' }] }, /malformed/],
    ['a make-up day that is not a weekend', { makeUpWorkdays: [{ date: '2027-09-27', name: '国庆节' }] }, /not a weekend/],
    ['a missing name', { holidays: [{ date: '2027-10-01', name: '' }] }, /no name/],
    ['a missing source', { source: '  ' }, /missing source/],
    ['a bad year', { year: 2027.5 }, /invalid year/],
  ])('rejects %s', (_label, change, detail) => {
    const e = errorOf({ ...base, ...change });
    expect(e).toBeInstanceOf(DomainValidationError);
    expect(e.code).toBe('calendar.invalid_arrangement');
    expect(e.detail).toMatch(detail);
    expect(e.messageZh).toMatch(/^节假日安排有误/);
  });

  it('reports every problem at once', () => {
    const e = errorOf({ ...base, holidays: [{ date: '2026-01-01', name: '元旦' }, { date: 'x', name: 'y' }] });
    expect(e.detail).toMatch(/outside year.*malformed/);
  });
});
