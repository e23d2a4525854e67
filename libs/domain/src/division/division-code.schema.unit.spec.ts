import { DIVISION_LEVELS } from './division-code';
import { requestDivisionCodeSchema } from './division-code.schema';

describe('requestDivisionCodeSchema', () => {
  it('accepts the significant digits of the given levels and the padded 12-digit form', () => {
    const place = requestDivisionCodeSchema(['county', 'township', 'village'], '地区代码不正确');
    for (const ok of ['320724', '320724101', '320724101200', '320724000000']) expect(place.safeParse(ok).success).toBe(true);
    for (const bad of ['32', '3207', '3207241', '32072410120', '3207241012001', '32072410120X', ' 320724']) expect(place.safeParse(bad).success).toBe(false);
  });

  it('answers with the caller’s Chinese message', () => {
    const r = requestDivisionCodeSchema(['village'], '村/社区代码应为 12 位数字').safeParse('320724');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('村/社区代码应为 12 位数字');
  });

  it('takes every level', () => {
    const any = requestDivisionCodeSchema(DIVISION_LEVELS, '区域代码格式不正确');
    for (const ok of ['32', '3207', '320724', '320724101', '320724101200']) expect(any.safeParse(ok).success).toBe(true);
    expect(any.safeParse('320').success).toBe(false);
  });
});
