import {
  ancestorCodesOf,
  isDivisionCode,
  levelOfCode,
  normalizeCode,
  parentCodeOf,
  toCode12,
  villageKindOfCode,
} from './division-code';

describe('division codes', () => {
  it('derives the level from the number of significant digits', () => {
    expect(['32', '3207', '320724', '320724101', '320724101200'].map(levelOfCode)).toEqual([
      'province',
      'city',
      'county',
      'township',
      'village',
    ]);
    expect(() => levelOfCode('3207241')).toThrow('区划代码无效');
    expect(() => levelOfCode('32a7')).toThrow('区划代码无效');
    expect(isDivisionCode('')).toBe(false);
  });

  it('takes the parent as the prefix and lists ancestors province first', () => {
    expect(parentCodeOf('320724101200')).toBe('320724101');
    expect(parentCodeOf('32')).toBeNull();
    expect(ancestorCodesOf('320724101200')).toEqual(['32', '3207', '320724', '320724101']);
  });

  it('reads padded 12-digit codes as the node they pad', () => {
    expect(normalizeCode('320724000000')).toBe('320724');
    expect(normalizeCode('320724101000')).toBe('320724101');
    expect(normalizeCode('320700000000')).toBe('3207');
    expect(normalizeCode('320000000000')).toBe('32');
    expect(normalizeCode('320724101200')).toBe('320724101200');
    expect(normalizeCode('320724')).toBe('320724');
    expect(normalizeCode('320700')).toBe('3207');
    expect(toCode12('320724')).toBe('320724000000');
  });

  it('classifies village parts 001–199 as community, 200–399 as village, the rest other', () => {
    expect(villageKindOfCode('320724101001')).toBe('community');
    expect(villageKindOfCode('320724101199')).toBe('community');
    expect(villageKindOfCode('320724101200')).toBe('village');
    expect(villageKindOfCode('320724101399')).toBe('village');
    expect(villageKindOfCode('320724101400')).toBe('other');
    expect(villageKindOfCode('320724101000')).toBe('other');
    expect(() => villageKindOfCode('320724101')).toThrow('不是村级区划代码');
  });
});
