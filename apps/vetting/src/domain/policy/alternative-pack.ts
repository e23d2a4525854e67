import { validatePolicyPack } from './validate-policy-pack';

/*
 * A second, plausible province's pack, written out in full as data (nothing computed from the
 * default): the proof that other rules load without code. Its numbers follow the stricter plan of
 * seed 004 report 8 where it has one (1.5 margin, woman on the villagers' committee, the young
 * member with 大专+, new members ≤45 with 高中+, 文书 barred from supervision) and otherwise differ on
 * purpose: secretaries 50/58, a 5-year window for sanctions, 5 years for administrative penalties,
 * near relatives by marriage. Same cut-off as the default so one set of nominees compares the rules.
 */
export const ALTERNATIVE_PACK_DATA = {
  id: 'alternative',
  version: 1,
  name: '示例政策包（另一省份）',
  cutOffDate: '2020-12-31',
  seats: { party: { min: 3, max: 5 }, committee: { min: 3, max: 5 }, supervision: { min: 3, max: 5 } },
  margin: { party: { preliminaryRatio: 1.5, finalExtra: 1 }, committee: { preliminaryRatio: 1.5, finalExtra: 1 } },
  negativeList: [
    { id: 'criminal', label: '受过刑事处罚', recordKinds: ['criminal_penalty'], lookBack: 'ever' },
    { id: 'gang', label: '存在“村霸”和涉黑涉恶问题', recordKinds: ['village_bully', 'gang_related'], lookBack: 'ever' },
    { id: 'illegal_religion', label: '组织或参与非法宗教活动', recordKinds: ['illegal_religion'], lookBack: 'ever' },
    { id: 'admin_penalty', label: '近 5 年因涉黄、涉赌、涉毒或聚众斗殴等受到行政处罚', recordKinds: ['admin_penalty_vice', 'admin_penalty_gambling', 'admin_penalty_drugs', 'admin_penalty_affray', 'admin_penalty_extortion', 'admin_penalty_detention'], lookBack: { years: 5 } },
    // A 民主测评 不称职 (an approved campaign dossier: the 个人测评 优秀/称职/不称职 of seed 004's 年度研判)
    // is a 考核 result too, kept apart from the yearly appraisal ('evaluation_incompetent', seed 004:
    // "近3年有考核不称职"); no fact had this kind before, so adding it changes no earlier verdict.
    { id: 'incompetent', label: '近 3 年有考核不称职或被评为不合格党员', recordKinds: ['appraisal_incompetent', 'evaluation_incompetent', 'unqualified_member'], lookBack: { years: 3 } },
    { id: 'severe_sanction', label: '近 5 年受过撤销党内职务及以上党纪处分、撤职及以上政务处分', recordKinds: ['party_sanction_removal_or_above', 'government_sanction_dismissal_or_above'], lookBack: { years: 5 } },
    { id: 'under_investigation', label: '正在接受立案审查调查', recordKinds: ['investigation'], lookBack: 'current' },
    { id: 'unrectified', label: '有严重违法用地、违章建房等行为尚未整改', recordKinds: ['illegal_land_use', 'illegal_building', 'environmental_damage', 'serious_discredit'], lookBack: 'current' },
    { id: 'illegal_petition', label: '近 5 年组织、参与非法集体上访', recordKinds: ['illegal_collective_petition'], lookBack: { years: 5 } },
    { id: 'vote_buying', label: '有拉票贿选行为被查处未满 5 年', recordKinds: ['vote_buying', 'election_misconduct'], lookBack: { years: 5 } },
  ],
  postRules: {
    newSecretary: { maxAge: 40, minEducation: '大专', kind: 'warn' },
    continuingSecretary: { maxAge: 50, approvalMaxAge: 58 },
    secretaryPartyStanding: { years: 1, kind: 'block' },
    newMember: { maxAge: 45, minEducation: '高中·中专', kind: 'warn' },
  },
  slateRules: {
    woman: { required: true, scope: 'committee', kind: 'block' },
    young: { required: true, maxAge: 35, minEducation: '大专', kind: 'block' },
    nearRelatives: { required: true, kinds: ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女', '公婆', '岳父母', '儿媳', '女婿'], kind: 'block' },
    supervision: { excludeCommitteeMembers: true, excludeCommitteeRelatives: true, excludedRoles: ['会计', '报账员', '文书', '集体经济组织负责人'] },
  },
  countyTargets: {
    secretaryCollegeShareMin: 0.6,
    secretaryWealthLeaderShareMin: 0.8,
    secretaryAverageAgeMax: 45,
    memberAverageAgeMax: 43,
    womenShareMin: 0.3,
    oneShoulderShareMin: 0.9,
  },
  notice: {
    member: { amount: 5, unit: 'working_days' },
    secretary: { amount: 7, unit: 'working_days' },
    appointmentFiling: { amount: 5, unit: 'working_days' },
  },
  jointReview: {
    departments: [
      { id: 'discipline', name: '纪委监委' },
      { id: 'organization', name: '组织部' },
      { id: 'civil_affairs', name: '民政局' },
      { id: 'court', name: '法院' },
      { id: 'procuratorate', name: '检察院' },
      { id: 'public_security', name: '公安局' },
      { id: 'justice', name: '司法局' },
      { id: 'natural_resources', name: '自然资源局' },
      { id: 'health', name: '卫健委' },
    ],
    answerWithin: { amount: 7, unit: 'working_days' },
  },
  gate: { requireAuditPublished: true, requireSeriousRectified: false },
  // 村民委员会选举规程: voter list 20 days before the vote, objections until 10 days before, formal
  // candidates 3 days before, hand-over within 10 days of the result.
  committeeClock: { voterListDaysBefore: 20, voterObjectionDaysBefore: 10, candidatesDaysBefore: 3, handOverWithin: { amount: 10, unit: 'calendar_days' } },
} as const;

export const ALTERNATIVE_PACK = validatePolicyPack(ALTERNATIVE_PACK_DATA);
