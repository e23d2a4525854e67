import { addDays, checkCharOf, CitizenId } from '@lw/domain';
import { addYears, fullYearsOn } from './full-years';
import { day } from './test-facts.fixture';

describe('fullYearsOn (周岁)', () => {
  it('reaches the new age on the birthday itself, not the day before', () => {
    expect(fullYearsOn(day('1965-12-31'), day('2020-12-31'))).toBe(55);
    expect(fullYearsOn(day('1966-01-01'), day('2020-12-31'))).toBe(54);
  });

  it('puts a 29 February birthday on 28 February in common years', () => {
    expect(fullYearsOn(day('1964-02-29'), day('2021-02-28'))).toBe(57);
    expect(fullYearsOn(day('1964-02-29'), day('2021-02-27'))).toBe(56);
    expect(fullYearsOn(day('1964-02-29'), day('2020-02-28'))).toBe(55);
    expect(fullYearsOn(day('1964-02-29'), day('2020-02-29'))).toBe(56);
  });

  it('counts exactly as CitizenId.ageOn, the roster’s rule, over leap and common years', () => {
    for (const birth of ['1960-02-29', '1964-02-28', '1975-03-01', '1985-12-31', '1990-01-01']) {
      const first17 = `320724${birth.replaceAll('-', '')}001`;
      const id = CitizenId.parse(first17 + checkCharOf(first17));
      for (let d = day('2019-02-20'), i = 0; i < 800; i += 1, d = addDays(d, 1)) {
        expect([birth, d, fullYearsOn(day(birth), d)]).toEqual([birth, d, id.ageOn(d)]);
      }
    }
  });
});

describe('addYears', () => {
  it('keeps the day, or falls back to 28 February from a 29th', () => {
    expect(addYears(day('2017-12-31'), 3)).toBe('2020-12-31');
    expect(addYears(day('2016-02-29'), 3)).toBe('2019-02-28');
    expect(addYears(day('2016-02-29'), 4)).toBe('2020-02-29');
    expect(addYears(day('2020-12-31'), -5)).toBe('2015-12-31');
  });
});
