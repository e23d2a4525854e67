import { DomainValidationError } from '../errors/domain-error';
import { parseLocalDate as d } from '../time/local-date';
import { checkCharOf, CitizenId } from './citizen-id';

/** A syntactically valid id for a region, birth date and sequence: the check character computed. */
function idFor(region: string, birth: string, seq: string): string {
  const body = `${region}${birth.replace(/-/g, '')}${seq}`;
  return body + checkCharOf(body);
}

describe('CitizenId', () => {
  it('accepts the GB 11643-1999 examples and checks the mod-11 check character', () => {
    const female = CitizenId.parse('11010519491231002X');
    expect(female).toMatchObject({ birthDate: '1949-12-31', gender: 'female', regionCode: '110105' });
    const male = CitizenId.parse('440524188001010014');
    expect(male).toMatchObject({ birthDate: '1880-01-01', gender: 'male' });
    expect(() => CitizenId.parse('110105194912310021')).toThrow(/check character/);
    expect(() => CitizenId.parse('440524188001010015')).toThrow(DomainValidationError);
  });

  it('normalises a lowercase x', () => {
    expect(CitizenId.parse('11010519491231002x').value).toBe('11010519491231002X');
  });

  it('detects every single-digit typo in a valid id', () => {
    const id = '440524188001010014';
    for (let i = 0; i < 17; i++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === id[i]) continue;
        const typo = id.slice(0, i) + digit + id.slice(i + 1);
        expect(CitizenId.isValid(typo)).toBe(false);
      }
    }
  });

  it('rejects a legacy 15-digit id, telling the user to convert it', () => {
    try {
      CitizenId.parse('110105491231002');
      throw new Error('not rejected');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainValidationError);
      expect((e as DomainValidationError).code).toBe('citizen_id.legacy_15');
      expect((e as DomainValidationError).messageZh).toContain('15 位旧身份证号请换算为 18 位');
    }
    expect(CitizenId.convertLegacy('110105491231002')).toBe('11010519491231002X');
  });

  it('rejects impossible and future birth dates', () => {
    expect(() => CitizenId.parse(idFor('320724', '2023-02-29', '123'))).toThrow(/not a real date/);
    expect(() => CitizenId.parse(idFor('320724', '2024-13-01', '123'))).toThrow(DomainValidationError);
    expect(CitizenId.isValid(idFor('320724', '2024-02-29', '123'))).toBe(true);
    const future = idFor('320724', '2026-06-02', '123');
    expect(CitizenId.isValid(future, { today: d('2026-06-02') })).toBe(true);
    expect(() => CitizenId.parse(future, { today: d('2026-06-01') })).toThrow(/after/);
  });

  it('rejects other shapes and keeps the full number out of the log detail', () => {
    for (const bad of ['', '1234', '32072419900101123', '3207241990010112345', '32072419900101123Y', 'X20724199001011234']) {
      expect(CitizenId.isValid(bad)).toBe(false);
    }
    const id = idFor('320724', '1990-01-01', '123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    try {
      CitizenId.parse(wrong);
    } catch (e) {
      expect((e as Error).message).not.toContain(wrong);
    }
  });

  it('derives gender from the 17th digit', () => {
    expect(CitizenId.parse(idFor('320724', '1990-01-01', '121')).gender).toBe('male');
    expect(CitizenId.parse(idFor('320724', '1990-01-01', '120')).gender).toBe('female');
  });

  it('masks for display', () => {
    const id = CitizenId.parse(idFor('320724', '1990-01-01', '123'));
    expect(id.masked()).toBe(`3207**********${id.value.slice(14)}`);
    expect(id.masked()).toHaveLength(18);
    expect(CitizenId.parse('11010519491231002X').masked()).toBe('1101**********002X');
  });

  it('computes full years of age, the birthday itself counting', () => {
    const id = CitizenId.parse(idFor('320724', '2008-10-08', '123'));
    expect(id.ageOn(d('2026-10-07'))).toBe(17);
    expect(id.ageOn(d('2026-10-08'))).toBe(18);
    expect(id.ageOn(d('2026-12-31'))).toBe(18);
    expect(id.ageOn(d('2008-10-08'))).toBe(0);
    expect(() => id.ageOn(d('2008-10-07'))).toThrow(DomainValidationError);
  });

  it('gives a 29 February birth its birthday on 28 February in common years', () => {
    const leap = CitizenId.parse(idFor('320724', '2008-02-29', '123'));
    expect(leap.ageOn(d('2026-02-27'))).toBe(17);
    expect(leap.ageOn(d('2026-02-28'))).toBe(18);
    expect(leap.ageOn(d('2026-03-01'))).toBe(18);
    expect(leap.ageOn(d('2028-02-28'))).toBe(19); // leap year: not yet
    expect(leap.ageOn(d('2028-02-29'))).toBe(20);
  });
});
