import { DomainValidationError } from '@lw/domain';
import { MIDTERM_PACK_DATA } from './campaign-packs';
import { validateCampaignPack } from './validate-campaign-pack';

const data = (): any => JSON.parse(JSON.stringify(MIDTERM_PACK_DATA));

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    return (e as DomainValidationError).messageZh;
  }
  throw new Error('expected a DomainValidationError');
}

describe('validateCampaignPack', () => {
  it('takes a county’s own pack (another scale, two talk categories) without code', () => {
    const own = data();
    own.id = 'county-320724-midterm';
    own.village.teamScale.grades = [
      { code: '优', label: '优', rank: 1 },
      { code: '良', label: '良', rank: 2 },
      { code: '差', label: '差', rank: 3 },
    ];
    own.village.talkCategories = [
      { id: 'cadres', label: '村干部', minimum: 5 },
      { id: 'villagers', label: '群众', minimum: 10 },
    ];
    own.thresholds.representativeShareMin = 0.7;
    const pack = validateCampaignPack(own);
    expect(pack.village.teamScale.grades.map((g) => g.code)).toEqual(['优', '良', '差']);
    expect(pack.thresholds.representativeShareMin).toBe(0.7);
  });

  it('refuses duplicate grade codes and ranks, naming the scale', () => {
    const p = data();
    p.village.memberScale.grades[2] = { code: '好', label: '较差', rank: 2 };
    const zh = messageOf(() => validateCampaignPack(p));
    expect(zh).toContain('村（社区）班子成员评价等次（班子成员（好 / 正常 / 较差））的代码重复：好');
    expect(zh).toContain('顺位重复：2');
  });

  it('refuses a pack without dimensions, a share outside 0–1 and a misspelt key, all in one message', () => {
    const p = data();
    p.village.dimensions = [];
    p.thresholds.representativeShareMin = 60;
    p.village.talkCategorys = [];
    const zh = messageOf(() => validateCampaignPack(p));
    expect(zh).toMatch(/^检查方案无效：/);
    expect(zh).toContain('村（社区）班子·研判维度：至少需要一个研判维度');
    expect(zh).toContain('阈值·群众代表最低占比：应不大于 1');
    expect(zh).toContain('有无法识别的字段：talkCategorys');
  });

  it('refuses an unknown kind, a bad id, a negative minimum and classifications for township teams', () => {
    const p = data();
    p.kind = 'audit';
    p.id = 'Midterm Default';
    p.village.talkCategories[0].minimum = -1;
    expect(messageOf(() => validateCampaignPack(p))).toBe(
      '检查方案无效：编号：只能使用小写字母、数字、下划线、点或连字符（至多 64 位）；检查类别：应为 "lookback"、"midterm"、"annual"、"special" 之一；村（社区）班子·谈话对象类别第 1 项·最少谈话人数：应不小于 0',
    );
    const t = data();
    t.township = { ...JSON.parse(JSON.stringify(t.village)) };
    expect(messageOf(() => validateCampaignPack(t))).toContain('乡镇领导班子不作村分类');
  });

  it('refuses duplicate dimension ids and problem categories', () => {
    const p = data();
    p.village.dimensions[1].id = p.village.dimensions[0].id;
    p.problemCategories.push('其他');
    const zh = messageOf(() => validateCampaignPack(p));
    expect(zh).toContain('村（社区）班子研判维度编号重复：thinking');
    expect(zh).toContain('问题类别重复：其他');
  });
});
