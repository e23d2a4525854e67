import { DomainValidationError } from '../errors/domain-error';
import { DIVISION_CODE_LENGTHS, DIVISION_LEVELS, DivisionCode, hasDivisionCodeShape, unpadDivisionCode } from './division-code';

const p = DivisionCode.parse;

describe('DivisionCode', () => {
  it('parses every level and normalises padded forms to the significant prefix', () => {
    expect(p('320724101200')).toMatchObject({ code: '320724101200', level: 'village' });
    expect(p('320724101')).toMatchObject({ code: '320724101', level: 'township' });
    expect(p('320724101000')).toMatchObject({ code: '320724101', level: 'township' });
    expect(p('320724000000')).toMatchObject({ code: '320724', level: 'county' });
    expect(p('320724')).toMatchObject({ code: '320724', level: 'county' });
    expect(p('320700')).toMatchObject({ code: '3207', level: 'city' });
    expect(p('3207')).toMatchObject({ code: '3207', level: 'city' });
    expect(p('320000000000')).toMatchObject({ code: '32', level: 'province' });
    expect(p(' 32 ').code).toBe('32');
    expect(p('320724').full).toBe('320724000000');
    expect(p('320724000000').equals(p('320724'))).toBe(true);
    expect(JSON.stringify({ c: p('320724000000') })).toBe('{"c":"320724"}');
  });

  it('rejects malformed codes with a Chinese message', () => {
    for (const bad of ['', '3', '320', '32072410', '3207241012001', '32072410120X', '000000000000', '003207', '320024', '320724000200', '1100010', 'abc']) {
      expect(() => p(bad)).toThrow(DomainValidationError);
    }
    try {
      p('32A');
    } catch (e) {
      expect((e as DomainValidationError).messageZh).toMatch(/^行政区划代码无效/);
      expect((e as DomainValidationError).code).toBe('division_code.invalid');
    }
    expect(DivisionCode.isValid('32072410120')).toBe(false);
  });

  it('walks up the tree', () => {
    const v = p('320724101200');
    expect(v.parent()?.code).toBe('320724101');
    expect(v.ancestors().map(String)).toEqual(['32', '3207', '320724', '320724101']);
    expect(p('32').parent()).toBeNull();
    expect(p('32').ancestors()).toEqual([]);
  });

  it('skips the missing county level of cities without counties (东莞 441900003)', () => {
    const town = p('441900003000');
    expect(town).toMatchObject({ code: '441900003', level: 'township' });
    expect(town.parent()?.code).toBe('4419');
    expect(p('441900003001').ancestors().map(String)).toEqual(['44', '4419', '441900003']);
    expect(p('441900')).toMatchObject({ code: '4419', level: 'city' });
  });

  it('classifies village codes by the village part', () => {
    expect(p('320724101001').villageKind).toBe('community');
    expect(p('320724101199').villageKind).toBe('community');
    expect(p('320724101200').villageKind).toBe('village');
    expect(p('320724101399').villageKind).toBe('village');
    expect(p('320724101400').villageKind).toBe('other');
    expect(p('320724101').villageKind).toBeNull();
  });

  it('defines each level\'s length once, and the shape of a code from it', () => {
    expect(DIVISION_LEVELS.map((l, i) => [l, DIVISION_CODE_LENGTHS[i]])).toEqual([
      ['province', 2],
      ['city', 4],
      ['county', 6],
      ['township', 9],
      ['village', 12],
    ]);
    for (const ok of ['32', '3207', '320724', '320724101', '320724101200', '000000']) expect(hasDivisionCodeShape(ok)).toBe(true);
    for (const bad of ['', '3', '3207241', '3207241012001', '32072410120x', 320724, null]) expect(hasDivisionCodeShape(bad)).toBe(false);
  });

  it('drops trailing zero groups only, at every length', () => {
    expect(unpadDivisionCode('320724000000')).toBe('320724');
    expect(unpadDivisionCode('320724101000')).toBe('320724101');
    expect(unpadDivisionCode('441900003000')).toBe('441900003');
    expect(unpadDivisionCode('320000000000')).toBe('32');
    expect(unpadDivisionCode('320700')).toBe('3207');
    expect(unpadDivisionCode('320724101200')).toBe('320724101200');
    // a zero inside the village part is not padding
    expect(unpadDivisionCode('320724101020')).toBe('320724101020');
    expect(unpadDivisionCode('3207241')).toBe('3207241');
  });
});
