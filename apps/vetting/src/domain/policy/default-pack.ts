import { validatePolicyPack, type PolicyPack } from './policy-pack';

const NEAR_RELATIVES = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'];
const DEPARTMENTS = ['公安', '法院', '检察院', '司法', '信访', '自然资源', '生态环境', '住建', '农业农村', '卫健', '统战'];

/** DOMAIN.md §1 and the seeds (2020–2021 换届, cut-off 2020-12-31). */
export const DEFAULT_PACK: PolicyPack = validatePolicyPack({
  id: 'default',
  version: 1,
  name: '默认政策包（2021 年换届）',
  cutOffDate: '2020-12-31',
  seats: { party: { min: 3, max: 7 }, committee: { min: 3, max: 7 } },
  margin: { preliminaryRatio: 1.2, finalExtra: 1 },
  negativeList: [
    { id: 'criminal', label: '受过刑事处罚', kinds: ['criminal'], lookBack: 'ever' },
    { id: 'investigation', label: '正在被立案审查调查', kinds: ['investigation'], lookBack: 'current' },
    { id: 'party_sanction', label: '受到撤销党内职务以上处分未满 3 年', kinds: ['party_sanction_severe'], lookBack: { years: 3 } },
    { id: 'incompetent', label: '近 3 年年度考核不称职或评议为不合格党员', kinds: ['appraisal_incompetent', 'unqualified_member'], lookBack: { years: 3 } },
    { id: 'vote_buying', label: '近 5 年有拉票贿选行为', kinds: ['vote_buying'], lookBack: { years: 5 } },
    { id: 'admin_penalty', label: '因赌博、吸毒、打架斗殴等受过行政处罚', kinds: ['gambling', 'drugs', 'affray'], lookBack: { years: 5 } },
    { id: 'land', label: '严重违法用地尚未整改', kinds: ['illegal_land'], lookBack: 'current' },
    { id: 'petition', label: '组织、参与非法集体上访', kinds: ['illegal_petition'], lookBack: { years: 5 } },
    { id: 'gang', label: '村霸、涉黑涉恶', kinds: ['gang'], lookBack: 'ever' },
    { id: 'religion', label: '参与非法宗教活动', kinds: ['illegal_religion'], lookBack: { years: 5 } },
  ],
  age: { newSecretaryPreferredMax: 45, continuingSecretaryMax: 55, continuingSecretaryApprovalMax: 60, under: 35 },
  secretary: { partyYears: 1, preferredEducation: '大专' },
  slate: { requireWoman: true, requireYoung: true, youngNeedsCollege: false, nearRelativeKinds: NEAR_RELATIVES, supervisionExcludedRoles: ['会计', '报账员', '集体经济组织负责人'] },
  noticeWorkingDays: { secretary: 5, member: 3 },
  jointReview: { departments: DEPARTMENTS, workingDays: 5 },
});
