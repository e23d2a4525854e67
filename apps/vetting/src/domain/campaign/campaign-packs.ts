import type { CampaignPack } from './campaign-pack';
import { validateCampaignPack } from './validate-campaign-pack';

/*
 * The three default campaign packs, as plain (JSON-compatible) data, each from its seed. Where a seed
 * names who must be talked to but not how many, a category's `minimum` is 1 ("covered at least once")
 * and 0 for people a village may not have (驻村选调生) or the seed calls "部分"; a county's own pack
 * sets its numbers. Every pack goes through validateCampaignPack like a posted one.
 */

const CLASSIFICATIONS = ['平稳', '调整充实', '难点'];

/** 优秀/称职/基本称职/不称职: 不称职 counts on the negative list ("近 3 年有考核不称职"). */
const FOUR_MEMBER_GRADES = [
  { code: '优秀', label: '优秀', rank: 1 },
  { code: '称职', label: '称职', rank: 2 },
  { code: '基本称职', label: '基本称职', rank: 3 },
  { code: '不称职', label: '不称职', rank: 4, negative: true },
];

const GOOD_FAIR_POOR = [
  { code: '好', label: '好', rank: 1 },
  { code: '一般', label: '一般', rank: 2 },
  { code: '较差', label: '较差', rank: 3 },
];

/** 换届“回头看”: seed 000 (a street's villages) and seed 001 (a district's townships and villages). */
export const LOOKBACK_PACK_DATA = {
  id: 'lookback-default',
  version: 1,
  name: '换届“回头看”默认方案',
  kind: 'lookback',
  // 000: "以走访谈话、查阅资料、民主评议等形式"; 001: "通过查阅材料、集体座谈、个别访谈、实地走访等方式", and the 联审 by 公检法.
  methods: [
    { id: 'visit_talk', label: '走访谈话' },
    { id: 'records', label: '查阅资料' },
    { id: 'democratic_review', label: '民主评议' },
    { id: 'group_talk', label: '集体座谈' },
    { id: 'individual_talk', label: '个别访谈' },
    { id: 'field_visit', label: '实地走访' },
    { id: 'joint_review', label: '部门联审' },
  ],
  village: {
    teamScale: { id: 'lookback-team', name: '村（社区）班子（好 / 一般 / 较差）', grades: GOOD_FAIR_POOR },
    memberScale: { id: 'lookback-member', name: '班子成员（优秀 / 称职 / 基本称职 / 不称职）', grades: FOUR_MEMBER_GRADES },
    // 000: "重点了解…在班子建设、工作实绩、基层党建和作风形象等方面"; a 换届 look-back also checks whom the election chose and how.
    dimensions: [
      { id: 'team_running', label: '班子运行', hint: '班子整体和个体职责履行、班子团结、大局意识（000）' },
      { id: 'selection', label: '选人用人', hint: '换届选出的人是否胜任、结构是否合理，后备干部储备' },
      { id: 'election_discipline', label: '换届纪律', hint: '换届中有无拉票贿选等违反换届纪律的问题及其查处' },
      { id: 'work_results', label: '工作实绩', hint: '民生工程、集体经济、服务群众、维护稳定、调处矛盾（000）' },
      { id: 'party_building', label: '基层党建', hint: '“五议一审两公开”等民主管理、民主议事制度落实，党组织战斗堡垒作用（000）' },
      { id: 'conduct', label: '作风形象', hint: '廉政建设、干部作风（000）' },
    ],
    // 000: "分别约谈走访村社班子全体成员、部分老干部、老党员、村（居）民代表以及普通群众".
    talkCategories: [
      { id: 'team_members', label: '村社班子成员', minimum: 1 },
      { id: 'old_cadres', label: '老干部', minimum: 0 },
      { id: 'old_party_members', label: '老党员', minimum: 1 },
      { id: 'representatives', label: '村（居）民代表', minimum: 1 },
      { id: 'villagers', label: '普通群众', minimum: 1 },
    ],
    classifications: CLASSIFICATIONS,
  },
  // 001: "对47名乡镇班子成员逐个谈心谈话", "围绕“五查五看”逐一对乡镇领导班子组织运转、政治担当、履职尽责、工作实效、作风表现开展分析研判".
  township: {
    teamScale: { id: 'lookback-township-team', name: '乡镇领导班子（好 / 一般 / 较差）', grades: GOOD_FAIR_POOR },
    memberScale: { id: 'lookback-township-member', name: '乡镇班子成员（优秀 / 称职 / 基本称职 / 不称职）', grades: FOUR_MEMBER_GRADES },
    dimensions: [
      { id: 'organisation', label: '组织运转', hint: '五查五看（001）' },
      { id: 'political', label: '政治担当', hint: '五查五看（001）' },
      { id: 'duties', label: '履职尽责', hint: '五查五看（001）' },
      { id: 'results', label: '工作实效', hint: '五查五看（001）' },
      { id: 'conduct', label: '作风表现', hint: '五查五看（001）' },
    ],
    talkCategories: [{ id: 'team_members', label: '乡镇班子成员', minimum: 1 }],
    classifications: [],
  },
  // The problems 000 and 001 name: 班子短板、后备干部、集体经济“造血”、战斗堡垒作用、工作作风、群众工作、违法违纪.
  problemCategories: ['班子建设', '后备干部', '集体经济', '党组织作用发挥', '工作作风', '群众工作', '违法违纪', '其他'],
  thresholds: { representativeShareMin: 0.6 },
  source:
    '种子 000《村级组织换届“回头看”工作报告》（走访谈话、查阅资料、民主评议，“一村（社）一档”，问题销号机制）；种子 001《换届“回头看”》（乡镇领导班子“五查五看”，47名乡镇班子成员逐个谈心谈话）',
};

/** 届中分析: seed 002 (a township's 9 work groups, villages and members graded 好/正常/较差). */
export const MIDTERM_PACK_DATA = {
  id: 'midterm-default',
  version: 1,
  name: '村（社区）“两委”班子届中分析默认方案',
  kind: 'midterm',
  // 002: "采取实地调研、谈心谈话、查阅资料、民主测评等方式", "谈心谈话、民主测评、问卷调查等形式", "满意度测评表".
  methods: [
    { id: 'field_research', label: '实地调研' },
    { id: 'heart_talk', label: '谈心谈话' },
    { id: 'records', label: '查阅资料' },
    { id: 'democratic_evaluation', label: '民主测评' },
    { id: 'questionnaire', label: '问卷调查' },
    { id: 'satisfaction', label: '满意度测评' },
  ],
  village: {
    // 002: "按照“好”“正常”“较差”三个档次对村(社区)领导班子及成员做出定性评价". The seed ties no grade to the negative list.
    teamScale: { id: 'midterm-team', name: '村（社区）班子（好 / 正常 / 较差）', grades: [
      { code: '好', label: '好', rank: 1 },
      { code: '正常', label: '正常', rank: 2 },
      { code: '较差', label: '较差', rank: 3 },
    ] },
    memberScale: { id: 'midterm-member', name: '班子成员（好 / 正常 / 较差）', grades: [
      { code: '好', label: '好', rank: 1 },
      { code: '正常', label: '正常', rank: 2 },
      { code: '较差', label: '较差', rank: 3 },
    ] },
    // 002: "思想动态、履职成效、廉洁自律、群众反映", then "村情概况、产业发展、项目建设、创先争优、监督处分".
    dimensions: [
      { id: 'thinking', label: '思想动态', hint: '班子及成员的思想动态（002）' },
      { id: 'performance', label: '履职成效', hint: '班子及成员履职成效（002）' },
      { id: 'integrity', label: '廉洁自律', hint: '廉洁自律、信访举报、遵纪守法（002）' },
      { id: 'public_opinion', label: '群众反映', hint: '党员群众的反映（002）' },
      { id: 'industry', label: '产业发展', hint: '产业发展、集体经济（002）' },
      { id: 'projects', label: '项目建设', hint: '项目建设（002）' },
      { id: 'excellence', label: '创先争优', hint: '创先争优（002）' },
      { id: 'discipline', label: '监督处分', hint: '监督处分情况（002）' },
    ],
    // 002: "参与人员包括驻村选调生、后备干部、村(居)民小组长、党员群众代表等"; not every village has a 选调生 or a 后备干部
    // ("无成熟人选储备", 002 (九)).
    talkCategories: [
      { id: 'team_members', label: '“两委”班子成员', minimum: 1 },
      { id: 'selected_graduates', label: '驻村选调生', minimum: 0 },
      { id: 'reserve_cadres', label: '后备干部', minimum: 0 },
      { id: 'group_leaders', label: '村(居)民小组长', minimum: 1 },
      { id: 'representatives', label: '党员群众代表', minimum: 1 },
    ],
    classifications: CLASSIFICATIONS,
  },
  // The problems 002 lists per village.
  problemCategories: ['党建工作', '党员教育管理', '组织生活', '后备干部', '产业发展', '集体经济', '人居环境', '其他'],
  thresholds: { representativeShareMin: 0.6 },
  source:
    '种子 002《村(社区)“两委”班子届中分析》（9个分析研判工作组；召开党员群众代表会议、谈心谈话、发放并收回问卷调查表、满意度测评表；按照“好”“正常”“较差”三个档次对班子及成员做出定性评价）',
};

/** 年度研判: seed 004 report 3 (研判内容, 研判方式, 研判程序) and report 1 (群众代表 ≥ 60 % of respondents). */
export const ANNUAL_PACK_DATA = {
  id: 'annual-default',
  version: 1,
  name: '村庄党务村务年度综合研判默认方案',
  kind: 'annual',
  // Report 3's five 研判方式, then the means its 研判程序 and report 1 use.
  methods: [
    { id: 'research', label: '调研调度研判' },
    { id: 'stage', label: '阶段工作研判' },
    { id: 'tracking', label: '重点跟踪研判' },
    { id: 'emergency', label: '专项应急研判' },
    { id: 'annual', label: '年度集中研判' },
    { id: 'report_meeting', label: '述职述廉测评会议' },
    { id: 'democratic_evaluation', label: '民主测评' },
    { id: 'individual_talk', label: '个别谈话' },
    { id: 'questionnaire', label: '问卷调查' },
    { id: 'group_talk', label: '集中座谈' },
    { id: 'home_visit', label: '入户走访' },
  ],
  village: {
    // Report 3: "对整体测评分先进、一般、后进三个等次，对个人测评分优秀、称职、不称职三个等次".
    teamScale: { id: 'annual-team', name: '村“两委”班子（先进 / 一般 / 后进）', grades: [
      { code: '先进', label: '先进', rank: 1 },
      { code: '一般', label: '一般', rank: 2 },
      { code: '后进', label: '后进', rank: 3 },
    ] },
    memberScale: { id: 'annual-member', name: '班子成员（优秀 / 称职 / 不称职）', grades: [
      { code: '优秀', label: '优秀', rank: 1 },
      { code: '称职', label: '称职', rank: 2 },
      { code: '不称职', label: '不称职', rank: 3, negative: true },
    ] },
    // Report 3 "(一)研判内容", its six items.
    dimensions: [
      { id: 'team_building', label: '村级班子建设', hint: '班子整体运转、作用发挥和群众威信' },
      { id: 'party_members', label: '党员队伍建设', hint: '党员队伍结构、党员作用发挥、党内生活落实' },
      { id: 'democratic_management', label: '民主管理执行', hint: '党务村务管理的规范有序、民主协商、公示公开' },
      { id: 'collective_economy', label: '村庄集体经济', hint: '村集体增收、特色产业、发展潜力和资产资源管理' },
      { id: 'featured_work', label: '村庄特色工作', hint: '强化基层基础、提升民生民意方面的有效做法' },
      { id: 'problems', label: '存在和潜在的主要问题', hint: '软弱涣散状况、矛盾纠纷、历史遗留问题' },
    ],
    // Report 3 "个别谈话了解": "组织村“两委”班子成员、退职干部、党员、村民代表和部分“两代表一委员”、产业大户、威信高的群众、贫困户代表进行个别谈话".
    talkCategories: [
      { id: 'team_members', label: '村“两委”班子成员', minimum: 1 },
      { id: 'retired_cadres', label: '退职干部', minimum: 1 },
      { id: 'party_members', label: '党员', minimum: 1 },
      { id: 'representatives', label: '村民代表', minimum: 1 },
      { id: 'deputies', label: '“两代表一委员”', minimum: 0 },
      { id: 'industry_leaders', label: '产业大户', minimum: 0 },
      { id: 'respected_villagers', label: '威信高的群众', minimum: 0 },
      { id: 'poor_households', label: '贫困户代表', minimum: 0 },
    ],
    classifications: CLASSIFICATIONS,
  },
  // Report 3's sixth 研判内容 and report 1's "存在的问题".
  problemCategories: ['班子结构', '后备干部', '理论素质', '进取意识', '宗族派性', '组织制度', '民主管理', '集体经济', '矛盾纠纷', '其他'],
  // Report 1: "参与问卷调查的群众代表比例不少于60%".
  thresholds: { representativeShareMin: 0.6 },
  source:
    '种子 004 第3篇（研判内容六个方面、五种研判方式、研判程序：先进/一般/后进，优秀/称职/不称职，“上报整改承诺书，明确整改措施、责任人及完成时限”）；第1篇（“参与问卷调查的群众代表比例不少于60%”）',
};

export const LOOKBACK_PACK: CampaignPack = validateCampaignPack(LOOKBACK_PACK_DATA);
export const MIDTERM_PACK: CampaignPack = validateCampaignPack(MIDTERM_PACK_DATA);
export const ANNUAL_PACK: CampaignPack = validateCampaignPack(ANNUAL_PACK_DATA);

/** The packs the product ships; an administrator posts further ones (or new versions) as data. */
export const CAMPAIGN_PACKS: readonly CampaignPack[] = Object.freeze([LOOKBACK_PACK, MIDTERM_PACK, ANNUAL_PACK]);

/** A shipped pack by id and version; without a version, its latest. */
export function campaignPack(id: string, version?: number, packs: readonly CampaignPack[] = CAMPAIGN_PACKS): CampaignPack | undefined {
  const found = packs.filter((p) => p.id === id && (version === undefined || p.version === version));
  return found.reduce<CampaignPack | undefined>((latest, p) => (!latest || p.version > latest.version ? p : latest), undefined);
}
