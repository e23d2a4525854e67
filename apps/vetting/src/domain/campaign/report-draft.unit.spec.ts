import { chineseDate, chineseOrdinal, comparedWith, percent, placeholder } from './report-draft';

describe('report drafting helpers', () => {
  it('numbers （一） to （二十一） for as many villages as a township has (seed 002 lists nine)', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 35].map(chineseOrdinal)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十五']);
  });

  it('比上届: increase, decrease, level, or nothing without a previous campaign', () => {
    expect(comparedWith(12, 9, '条')).toBe('，比上届增加3条');
    expect(comparedWith(7, 9, '个')).toBe('，比上届减少2个');
    expect(comparedWith(9, 9, '个')).toBe('，与上届持平');
    expect(comparedWith(9, undefined, '个')).toBe('');
  });

  it('dates in 成文日期 form, shares as percentages, gaps as placeholders', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(percent(50 / 90)).toBe('55.6%');
    expect(percent(0.6)).toBe('60%');
    expect(percent(null)).toBe('—');
    expect(placeholder('主送机关')).toBe('【请填写：主送机关】');
  });
});
