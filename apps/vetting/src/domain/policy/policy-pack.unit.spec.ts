import { DomainValidationError } from '@lw/domain';
import { ALTERNATIVE_PACK, ALTERNATIVE_PACK_DATA } from './alternative-pack';
import { DEFAULT_PACK, DEFAULT_PACK_DATA } from './default-pack';
import type { PolicyPack } from './policy-pack';
import { validatePolicyPack } from './validate-policy-pack';

/** The Chinese message of the error `fn` throws (fails the test when it does not throw). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    return (e as DomainValidationError).messageZh;
  }
  throw new Error('expected a DomainValidationError');
}

type Draft<T> = T extends readonly (infer U)[] ? Draft<U>[] : T extends object ? { -readonly [K in keyof T]: Draft<T[K]> } : T;

/** A fresh, writable copy of the default pack's data, to break in one place. */
const data = (): Draft<PolicyPack> => JSON.parse(JSON.stringify(DEFAULT_PACK_DATA));

describe('policy packs are data', () => {
  it.each([
    ['default', DEFAULT_PACK_DATA, DEFAULT_PACK],
    ['alternative', ALTERNATIVE_PACK_DATA, ALTERNATIVE_PACK],
  ] as const)('the %s pack survives a JSON round trip unchanged (loadable from a file, no code)', (_, raw, pack) => {
    expect(validatePolicyPack(JSON.parse(JSON.stringify(raw)))).toEqual(pack);
  });

  it('holds the seeds’ numbers in the default pack', () => {
    expect(DEFAULT_PACK).toMatchObject({
      cutOffDate: '2020-12-31',
      margin: { party: { preliminaryRatio: 1.2, finalExtra: 1 } },
      postRules: { newSecretary: { maxAge: 45, minEducation: '大专' }, continuingSecretary: { maxAge: 55, approvalMaxAge: 60 }, secretaryPartyStanding: { years: 1 } },
      slateRules: { young: { maxAge: 35 }, nearRelatives: { kinds: ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'] } },
      notice: { member: { amount: 3, unit: 'working_days' }, secretary: { amount: 5, unit: 'working_days' } },
    });
    expect(DEFAULT_PACK.negativeList.find((i) => i.id === 'severe_sanction')?.lookBack).toEqual({ years: 3 });
    expect(DEFAULT_PACK.negativeList.find((i) => i.id === 'vote_buying')?.lookBack).toEqual({ years: 5 });
  });

  it('freezes a validated pack: an election’s rules cannot change under it', () => {
    expect(Object.isFrozen(DEFAULT_PACK.negativeList[0].recordKinds)).toBe(true);
    expect(() => {
      (DEFAULT_PACK.postRules.continuingSecretary as { maxAge: number }).maxAge = 70;
    }).toThrow(TypeError);
  });

  it('loads a third pack with other numbers as it is typed', () => {
    const p = validatePolicyPack({ ...data(), id: 'jiangxi-2021', margin: { party: { preliminaryRatio: 1.25, finalExtra: 2 }, committee: { preliminaryRatio: null, finalExtra: null } } });
    expect(p.margin.party).toEqual({ preliminaryRatio: 1.25, finalExtra: 2 });
  });
});

describe('validatePolicyPack refuses a bad pack, naming the field in Chinese', () => {
  it.each([
    ['an impossible cut-off date', { cutOffDate: '2020-13-01' }, '截止日期（cutOffDate）：应为有效日期'],
    ['a missing field', { name: undefined }, '名称（name）：缺失'],
    ['a margin below 1', { margin: { party: { preliminaryRatio: 0.8, finalExtra: 1 }, committee: { preliminaryRatio: null, finalExtra: 1 } } }, '差额·党组织·初步人选差额比例（margin.party.preliminaryRatio）：应不小于 1'],
    ['a ratio with three decimals', { margin: { party: { preliminaryRatio: 1.125, finalExtra: 1 }, committee: { preliminaryRatio: null, finalExtra: 1 } } }, '最多保留两位小数'],
    ['a look-back that is neither years nor ever nor current', { negativeList: [{ id: 'x', label: '某项', recordKinds: ['x'], lookBack: { months: 6 } }] }, '负面清单·第 1 项·追溯期（negativeList.0.lookBack）'],
    ['an empty negative list', { negativeList: [] }, '负面清单（negativeList）：负面清单不能为空'],
    ['an item matching no record', { negativeList: [{ id: 'x', label: '某项', recordKinds: [], lookBack: 'ever' }] }, '至少列出一种记录类别'],
    ['a misspelt key', { countyTarget: {} }, '有无法识别的字段：countyTarget'],
    ['a rule kind that does not exist', { slateRules: { ...data().slateRules, woman: { required: true, scope: 'two_committees', kind: 'forbid' } } }, '班子结构·女性成员·违反时的处理（slateRules.woman.kind）：应为 "block"、"warn"、"needs_approval" 之一'],
    ['a notice period in hours', { notice: { member: { amount: 72, unit: 'hours' }, secretary: { amount: 5, unit: 'working_days' }, appointmentFiling: { amount: 5, unit: 'working_days' } } }, '公示期·委员·单位（notice.member.unit）'],
    ['no joint-review department', { jointReview: { departments: [], answerWithin: { amount: 5, unit: 'working_days' } } }, '至少需要一个联审部门'],
  ])('%s', (_, over, expected) => {
    expect(messageOf(() => validatePolicyPack({ ...data(), ...over }))).toContain(expected);
  });

  it.each([
    ['seats whose minimum exceeds the maximum', (d: Draft<PolicyPack>) => (d.seats.party = { min: 5, max: 3 }), '职数·党组织·下限（seats.party.min）：下限不能大于上限'],
    ['an approval age below the ordinary limit', (d: Draft<PolicyPack>) => (d.postRules.continuingSecretary = { maxAge: 55, approvalMaxAge: 50 }), '连任书记·经批准的年龄上限（postRules.continuingSecretary.approvalMaxAge）：不能低于一般年龄上限'],
    ['two items with one id', (d: Draft<PolicyPack>) => d.negativeList.push({ ...d.negativeList[0] }), '负面清单·第 11 项·编号（negativeList.10.id）：编号“criminal”重复'],
    ['two departments with one id', (d: Draft<PolicyPack>) => d.jointReview.departments.push({ id: 'court', name: '中级法院' }), '编号“court”重复'],
    ['near-relative avoidance with no kinds', (d: Draft<PolicyPack>) => (d.slateRules.nearRelatives.kinds = []), '启用近亲属回避时须列出亲属关系'],
  ])('%s', (_, change, expected) => {
    const d = data();
    change(d);
    expect(messageOf(() => validatePolicyPack(d))).toContain(expected);
  });

  it('lists every problem at once, and keeps the operator detail in English', () => {
    try {
      validatePolicyPack({ ...data(), version: 0, cutOffDate: 'soon' });
      throw new Error('expected a DomainValidationError');
    } catch (e) {
      const err = e as DomainValidationError;
      expect(err.code).toBe('policy_pack.invalid');
      expect(err.messageZh).toMatch(/版本（version）.*；截止日期（cutOffDate）/);
      expect(err.message).toBe('invalid policy pack: version too_small; cutOffDate custom');
    }
  });

  it('refuses something that is not a pack at all', () => {
    expect(messageOf(() => validatePolicyPack(null))).toContain('政策包（/）');
  });
});
