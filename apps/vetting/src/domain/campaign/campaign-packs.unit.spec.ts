import { ANNUAL_PACK, ANNUAL_PACK_DATA, CAMPAIGN_PACKS, campaignPack, LOOKBACK_PACK, LOOKBACK_PACK_DATA, MIDTERM_PACK, MIDTERM_PACK_DATA } from './campaign-packs';
import { validateCampaignPack } from './validate-campaign-pack';

const codes = (grades: readonly { code: string }[]) => grades.map((g) => g.code);
const negatives = (grades: readonly { code: string; negative?: boolean }[]) => grades.filter((g) => g.negative).map((g) => g.code);

describe('the default campaign packs are data', () => {
  it.each([
    ['lookback', LOOKBACK_PACK_DATA, LOOKBACK_PACK],
    ['midterm', MIDTERM_PACK_DATA, MIDTERM_PACK],
    ['annual', ANNUAL_PACK_DATA, ANNUAL_PACK],
  ] as const)('the %s pack survives a JSON round trip unchanged (postable as a file, no code)', (_, raw, pack) => {
    expect(validateCampaignPack(JSON.parse(JSON.stringify(raw)))).toEqual(pack);
    expect(Object.isFrozen(pack.village.memberScale.grades[0])).toBe(true);
  });

  it('lists one pack per kind, each citing its seed and asking ≥ 60 % 群众代表 among respondents', () => {
    expect(CAMPAIGN_PACKS.map((p) => [p.id, p.version, p.kind])).toEqual([
      ['lookback-default', 1, 'lookback'],
      ['midterm-default', 1, 'midterm'],
      ['annual-default', 1, 'annual'],
    ]);
    for (const p of CAMPAIGN_PACKS) {
      expect(p.thresholds.representativeShareMin).toBe(0.6);
      expect(p.village.classifications).toEqual(['平稳', '调整充实', '难点']);
    }
    expect(LOOKBACK_PACK.source).toMatch(/000.*001/);
    expect(MIDTERM_PACK.source).toContain('002');
    expect(ANNUAL_PACK.source).toContain('004');
  });

  it('000/001 回头看: village team 好/一般/较差, members 优秀/称职/基本称职/不称职 (不称职 negative), township teams by 五查五看', () => {
    expect(codes(LOOKBACK_PACK.village.teamScale.grades)).toEqual(['好', '一般', '较差']);
    expect(codes(LOOKBACK_PACK.village.memberScale.grades)).toEqual(['优秀', '称职', '基本称职', '不称职']);
    expect(negatives(LOOKBACK_PACK.village.memberScale.grades)).toEqual(['不称职']);
    expect(LOOKBACK_PACK.village.dimensions.map((d) => d.label)).toEqual(expect.arrayContaining(['选人用人', '换届纪律', '班子运行']));
    // 001: "围绕“五查五看”逐一对乡镇领导班子组织运转、政治担当、履职尽责、工作实效、作风表现开展分析研判".
    expect(LOOKBACK_PACK.township?.dimensions.map((d) => d.label)).toEqual(['组织运转', '政治担当', '履职尽责', '工作实效', '作风表现']);
    expect(LOOKBACK_PACK.township?.classifications).toEqual([]);
    // 000: "以走访谈话、查阅资料、民主评议等形式"; "约谈走访村社班子全体成员、部分老干部、老党员、村（居）民代表以及普通群众".
    expect(LOOKBACK_PACK.methods.map((m) => m.label)).toEqual(expect.arrayContaining(['走访谈话', '查阅资料', '民主评议']));
    expect(LOOKBACK_PACK.village.talkCategories.map((t) => t.label)).toEqual(['村社班子成员', '老干部', '老党员', '村（居）民代表', '普通群众']);
  });

  it('002 届中分析: villages AND members graded “好”“正常”“较差”; 驻村选调生、后备干部、村(居)民小组长、党员群众代表 talked to', () => {
    expect(codes(MIDTERM_PACK.village.teamScale.grades)).toEqual(['好', '正常', '较差']);
    expect(codes(MIDTERM_PACK.village.memberScale.grades)).toEqual(['好', '正常', '较差']);
    expect(MIDTERM_PACK.village.talkCategories.map((t) => t.label)).toEqual(expect.arrayContaining(['驻村选调生', '后备干部', '村(居)民小组长', '党员群众代表']));
    expect(MIDTERM_PACK.methods.map((m) => m.label)).toEqual(['实地调研', '谈心谈话', '查阅资料', '民主测评', '问卷调查', '满意度测评']);
    expect(MIDTERM_PACK.township).toBeUndefined();
  });

  it('004 report 3 研判: six 研判内容, five 研判方式, 先进/一般/后进 and 优秀/称职/不称职', () => {
    expect(ANNUAL_PACK.village.dimensions.map((d) => d.label)).toEqual(['村级班子建设', '党员队伍建设', '民主管理执行', '村庄集体经济', '村庄特色工作', '存在和潜在的主要问题']);
    expect(ANNUAL_PACK.methods.slice(0, 5).map((m) => m.label)).toEqual(['调研调度研判', '阶段工作研判', '重点跟踪研判', '专项应急研判', '年度集中研判']);
    // "对整体测评分先进、一般、后进三个等次，对个人测评分优秀、称职、不称职三个等次".
    expect(codes(ANNUAL_PACK.village.teamScale.grades)).toEqual(['先进', '一般', '后进']);
    expect(codes(ANNUAL_PACK.village.memberScale.grades)).toEqual(['优秀', '称职', '不称职']);
    expect(negatives(ANNUAL_PACK.village.memberScale.grades)).toEqual(['不称职']);
  });

  it('finds a pack by id and version, its latest without a version, and nothing for an unknown one', () => {
    expect(campaignPack('midterm-default', 1)).toBe(MIDTERM_PACK);
    expect(campaignPack('midterm-default', 2)).toBeUndefined();
    expect(campaignPack('nope')).toBeUndefined();
    const v2 = validateCampaignPack({ ...JSON.parse(JSON.stringify(MIDTERM_PACK_DATA)), version: 2, name: '届中分析（二版）' });
    expect(campaignPack('midterm-default', undefined, [...CAMPAIGN_PACKS, v2])).toBe(v2);
    expect(campaignPack('midterm-default', 1, [...CAMPAIGN_PACKS, v2])).toBe(MIDTERM_PACK);
  });
});
