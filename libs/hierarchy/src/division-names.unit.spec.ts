import { parseCsvLine } from './china-division-source';
import { nameKindOf, shortNameOf } from './division-names';
import { initialsOf, initialsWithPrefix } from './pinyin-initials';

describe('division names', () => {
  it('reads the kind from the committee suffix, ignoring bracketed notes', () => {
    expect(nameKindOf('镇中社区居委会')).toBe('community');
    expect(nameKindOf('兴港居委会')).toBe('community');
    expect(nameKindOf('公兴村委会')).toBe('village');
    expect(nameKindOf('长丰村委会（藏鹤亭）')).toBe('village');
    expect(nameKindOf('乌兰额日格嘎查委员会')).toBe('village');
    expect(nameKindOf('苏青牧委会')).toBe('village');
    // real data: a 社区 code part named as a villagers' committee; the name says village
    expect(nameKindOf('东光社区村民委员会')).toBe('village');
    expect(nameKindOf('一连生活区')).toBe('other');
  });

  it('shortens to the name people say, always a prefix of the full name', () => {
    const cases: Array<[string, Parameters<typeof shortNameOf>[1], string]> = [
      ['新安村委会', 'village', '新安村'],
      ['东李解村村民委会', 'village', '东李解村'],
      ['长丰村委会（藏鹤亭）', 'village', '长丰村'],
      ['银闸社区居委会', 'village', '银闸社区'],
      ['兴港居委会', 'village', '兴港'],
      ['一连生活区', 'village', '一连生活区'],
      ['灌南县', 'county', '灌南'],
      ['新安镇', 'township', '新安'],
      ['江苏省', 'province', '江苏'],
      ['市辖区', 'city', '市辖区'],
      ['乡', 'township', '乡'],
    ];
    for (const [name, level, short] of cases) {
      expect(shortNameOf(name, level)).toBe(short);
      expect(name.startsWith(short)).toBe(true);
    }
  });

  it('gives pinyin initials, polyphones in context, and the prefix initials of the short name', () => {
    expect(initialsOf('灌南县')).toBe('gnx');
    expect(initialsOf('重庆市')).toBe('cqs');
    expect(initialsOf('第1居委会（A区）')).toBe('d1jwhaq');
    expect(initialsWithPrefix('新安村委会', 3)).toEqual({ initials: 'xacwh', prefixInitials: 'xac' });
  });

  it('parses quoted CSV fields with doubled quotes and empty fields', () => {
    expect(parseCsvLine('320724,"灌南县",3207,32')).toEqual(['320724', '灌南县', '3207', '32']);
    expect(parseCsvLine('1,"a ""b"", c",')).toEqual(['1', 'a "b", c', '']);
    expect(() => parseCsvLine('1,"open')).toThrow('unterminated');
  });
});
