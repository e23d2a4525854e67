import { validatePolicyPack } from './validate-policy-pack';

/*
 * The default pack: DOMAIN.md §1, numbers from seed 004 (report 2: the 1.2 margin, ages at the
 * 2020-12-31 cut-off, 35 岁以下, ≥1 woman, near relatives; report 8: the "十不选" wording, windows
 * and the county targets) and seed 003. Plain data (JSON-compatible): a deployment may replace it
 * with a file; validatePolicyPack is the only code it goes through.
 */
export const DEFAULT_PACK_DATA = {
  id: 'default',
  version: 1,
  name: '默认政策包（2021 年村（社区）“两委”换届）',
  cutOffDate: '2020-12-31',
  // "党组织委员会一般 3 至 5 人，最多不超过 7 人"; 村（居）民委员会 3 至 7 人; 监委会 3 至 5 人.
  seats: { party: { min: 3, max: 7 }, committee: { min: 3, max: 7 }, supervision: { min: 3, max: 5 } },
  // Report 2: "不低于 20% 的差额比例" for party-committee preliminary candidates; both bodies elect with
  // at least one candidate more than seats ("候选人名额应当多于应选名额").
  margin: { party: { preliminaryRatio: 1.2, finalExtra: 1 }, committee: { preliminaryRatio: null, finalExtra: 1 } },
  // Report 8 "十不选"; items the text gives no window for look back for ever.
  negativeList: [
    { id: 'criminal', label: '受过刑事处罚', recordKinds: ['criminal_penalty'], lookBack: 'ever' },
    { id: 'gang', label: '存在“村霸”和涉黑涉恶问题', recordKinds: ['village_bully', 'gang_related'], lookBack: 'ever' },
    { id: 'illegal_religion', label: '加入、组织或参与非法宗教活动', recordKinds: ['illegal_religion'], lookBack: 'ever' },
    { id: 'admin_penalty', label: '因涉黄、涉赌、涉毒或聚众斗殴、敲诈勒索、非法拘禁等受到行政处罚', recordKinds: ['admin_penalty_vice', 'admin_penalty_gambling', 'admin_penalty_drugs', 'admin_penalty_affray', 'admin_penalty_extortion', 'admin_penalty_detention'], lookBack: 'ever' },
    // A 民主测评 不称职 (an approved campaign dossier: the 个人测评 优秀/称职/不称职 of seed 004's 年度研判)
    // is a 考核 result too, kept apart from the yearly appraisal ('evaluation_incompetent', seed 004:
    // "近3年有考核不称职"); no fact had this kind before, so adding it changes no earlier verdict.
    { id: 'incompetent', label: '近 3 年有考核不称职或被评为不合格党员', recordKinds: ['appraisal_incompetent', 'evaluation_incompetent', 'unqualified_member'], lookBack: { years: 3 } },
    { id: 'severe_sanction', label: '近 3 年受过撤销党内职务及以上党纪处分、撤职及以上政务处分', recordKinds: ['party_sanction_removal_or_above', 'government_sanction_dismissal_or_above'], lookBack: { years: 3 } },
    { id: 'under_investigation', label: '涉嫌严重违纪违法正在接受立案审查调查', recordKinds: ['investigation'], lookBack: 'current' },
    { id: 'unrectified', label: '有严重违法用地、严重违章建房、严重损害生态环境、严重失信等行为尚未整改', recordKinds: ['illegal_land_use', 'illegal_building', 'environmental_damage', 'serious_discredit'], lookBack: 'current' },
    { id: 'illegal_petition', label: '非法组织、参与集体上访，影响社会稳定', recordKinds: ['illegal_collective_petition'], lookBack: 'ever' },
    { id: 'vote_buying', label: '有拉票贿选或其他不正当竞争行为被查处未满 5 年', recordKinds: ['vote_buying', 'election_misconduct'], lookBack: { years: 5 } },
  ],
  postRules: {
    newSecretary: { maxAge: 45, minEducation: '大专', kind: 'warn' },
    continuingSecretary: { maxAge: 55, approvalMaxAge: 60 },
    // "一般应当具有 1 年以上党龄": "一般" admits exceptions, so an approval, not a flat refusal.
    secretaryPartyStanding: { years: 1, kind: 'needs_approval' },
    newMember: null,
  },
  slateRules: {
    woman: { required: true, scope: 'two_committees', kind: 'block' },
    // "原则上…至少要有 1 名 35 岁以下的年轻干部": in principle, so a recorded exception may waive it.
    young: { required: true, maxAge: 35, minEducation: null, kind: 'needs_approval' },
    nearRelatives: { required: true, kinds: ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'], kind: 'block' },
    supervision: { excludeCommitteeMembers: true, excludeCommitteeRelatives: true, excludedRoles: ['会计', '报账员', '集体经济组织负责人'] },
  },
  countyTargets: {
    secretaryCollegeShareMin: 0.5,
    secretaryWealthLeaderShareMin: 0.76,
    secretaryAverageAgeMax: 46,
    memberAverageAgeMax: 45,
    womenShareMin: 0.3,
    oneShoulderShareMin: null,
  },
  notice: {
    member: { amount: 3, unit: 'working_days' },
    secretary: { amount: 5, unit: 'working_days' },
    appointmentFiling: { amount: 5, unit: 'working_days' },
  },
  jointReview: {
    departments: [
      { id: 'discipline', name: '纪委监委' },
      { id: 'civil_affairs', name: '民政局' },
      { id: 'political_legal', name: '政法委' },
      { id: 'court', name: '法院' },
      { id: 'procuratorate', name: '检察院' },
      { id: 'public_security', name: '公安局' },
      { id: 'justice', name: '司法局' },
      { id: 'petition', name: '信访局' },
      { id: 'natural_resources', name: '自然资源局' },
      { id: 'ecology', name: '生态环境局' },
      { id: 'housing', name: '住建局' },
      { id: 'agriculture', name: '农业农村局' },
      { id: 'health', name: '卫健委' },
      { id: 'united_front', name: '统战部' },
    ],
    // No seed fixes it; five working days is the local practice we assume until a plan says otherwise.
    answerWithin: { amount: 5, unit: 'working_days' },
  },
  gate: { requireAuditPublished: true, requireSeriousRectified: true },
  // 村民委员会选举规程: voter list 20 days before the vote, objections until 10 days before, formal
  // candidates 5 days before, hand-over within 10 days of the result.
  committeeClock: { voterListDaysBefore: 20, voterObjectionDaysBefore: 10, candidatesDaysBefore: 5, handOverWithin: { amount: 10, unit: 'calendar_days' } },
} as const;

export const DEFAULT_PACK = validatePolicyPack(DEFAULT_PACK_DATA);
