import { isAppraisalInLookBack, isCurrentOn, isInLookBack, isWithinYears, lastCompletedYear } from './look-back';
import { day } from './test-facts.fixture';

const CUT_OFF = day('2020-12-31');
const AS_OF = day('2021-01-10');

describe('look-back windows (a record dated exactly N years before the cut-off is inside)', () => {
  it.each([
    [3, '2017-12-31', true],
    [3, '2017-12-30', false],
    [5, '2015-12-31', true],
    [5, '2015-12-30', false],
    [3, '2021-01-05', true], // found after the cut-off, before the evaluation: inside
  ])('%i years, record %s → %s', (years, date, inside) => {
    expect(isWithinYears(day(date), years, CUT_OFF)).toBe(inside);
    expect(isInLookBack({ kind: 'x', date: day(date) }, { years }, CUT_OFF, AS_OF)).toBe(inside);
  });

  it('runs a window from 29 February to 28 February, as periods in years end (Civil Code art. 202)', () => {
    expect(isWithinYears(day('2016-02-29'), 3, day('2019-02-28'))).toBe(true);
    expect(isWithinYears(day('2016-02-29'), 3, day('2019-03-01'))).toBe(false);
    // From a 28 February to a leap cut-off: the period ended on 28 February, the day before.
    expect(isWithinYears(day('2023-02-28'), 1, day('2024-02-29'))).toBe(false);
    expect(isWithinYears(day('2023-03-01'), 1, day('2024-02-29'))).toBe(true);
  });

  it('keeps "ever" records for ever', () => {
    expect(isInLookBack({ kind: 'x', date: day('1970-01-01') }, 'ever', CUT_OFF, AS_OF)).toBe(true);
  });

  it('judges "current" on the evaluation day, the last day of effect included', () => {
    expect(isCurrentOn({ date: day('2020-06-01'), endsOn: null }, AS_OF)).toBe(true);
    expect(isCurrentOn({ date: day('2020-06-01') }, AS_OF)).toBe(true);
    expect(isCurrentOn({ date: day('2020-06-01'), endsOn: AS_OF }, AS_OF)).toBe(true);
    expect(isCurrentOn({ date: day('2020-06-01'), endsOn: day('2021-01-09') }, AS_OF)).toBe(false);
    expect(isCurrentOn({ date: day('2021-01-11'), endsOn: null }, AS_OF)).toBe(false);
  });
});

describe('appraisal years', () => {
  it('counts the last N completed years at the cut-off, whether it is 31 December or later', () => {
    expect(lastCompletedYear(day('2020-12-31'))).toBe(2020);
    expect(lastCompletedYear(day('2021-01-31'))).toBe(2020);
    expect(lastCompletedYear(day('2020-12-30'))).toBe(2019);
    for (const cutOff of [day('2020-12-31'), day('2021-01-31')]) {
      expect(isAppraisalInLookBack(2018, { years: 3 }, cutOff)).toBe(true);
      expect(isAppraisalInLookBack(2017, { years: 3 }, cutOff)).toBe(false);
      expect(isAppraisalInLookBack(2021, { years: 3 }, cutOff)).toBe(true);
    }
    expect(isAppraisalInLookBack(1990, 'ever', CUT_OFF)).toBe(true);
    expect(isAppraisalInLookBack(2020, 'current', CUT_OFF)).toBe(true);
    expect(isAppraisalInLookBack(2019, 'current', CUT_OFF)).toBe(false);
  });
});
