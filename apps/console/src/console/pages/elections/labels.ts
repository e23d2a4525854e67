// Chinese names of the vetting codes these pages show.
export const STAGE_LABELS: Record<string, string> = {
  nominating: '提名审查',
  notice: '公示中',
  confirmed: '已确定正式候选人',
  result: '已选举',
  filing: '任职备案公示',
  filed: '已备案',
  handed_over: '已交接',
};

export const NOMINEE_STATUS_LABELS: Record<string, string> = {
  listed: '已提名',
  first_review_failed: '初审未通过',
  first_review_passed: '初审通过',
  joint_review: '联审中',
  joint_review_failed: '联审未通过',
  inspection_subject: '考察对象',
  on_notice: '公示中',
  disqualified: '取消资格',
  confirmed: '正式候选人',
  elected: '当选',
  not_elected: '未当选',
};

export const VERDICT_LABELS: Record<string, { text: string; color: string }> = {
  block: { text: '否决', color: 'red' },
  needs_approval: { text: '需审批', color: 'orange' },
  warn: { text: '提示', color: 'gold' },
  approved: { text: '已批准', color: 'blue' },
  pass: { text: '通过', color: 'green' },
};

export const BODY_LABELS: Record<string, string> = { party: '村党组织', committee: '村民委员会', supervision: '村务监督委员会', reserve: '后备干部' };

export const ANSWER_LABELS: Record<string, { text: string; color: string }> = {
  pass: { text: '通过', color: 'green' },
  fail: { text: '不通过', color: 'red' },
  needs_info: { text: '需补充材料', color: 'orange' },
};

/** The default pack's joint-review departments (the detail falls back to the id for others). */
export const DEPT_LABELS: Record<string, string> = {
  discipline: '纪委监委',
  civil_affairs: '民政局',
  political_legal: '政法委',
  court: '法院',
  procuratorate: '检察院',
  public_security: '公安局',
  justice: '司法局',
  petition: '信访局',
  natural_resources: '自然资源局',
  ecology: '生态环境局',
  housing: '住建局',
  agriculture: '农业农村局',
  health: '卫健委',
  united_front: '统战部',
};

export const ELECTION_READERS = ['org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept'];
export const ROSTER_READERS = ['org_dept', 'township', 'discipline'];

/** Names of the facts the rules cite as evidence (others are shown by their key). */
export const EVIDENCE_LABELS: Record<string, string> = {
  birthDate: '出生日期',
  cutOffDate: '年龄计算截止日',
  age: '年龄',
  maxAge: '年龄上限',
  approvalMaxAge: '经批准可放宽至',
  body: '班子',
  stage: '阶段',
  seats: '职数',
  min: '最少',
  max: '最多',
  ratio: '差额比例',
  extra: '差额人数',
  needed: '应有人数',
  have: '现有人数',
  kinds: '近亲属关系',
  pairs: '涉及人员',
  item: '负面清单项',
  lookBack: '追溯期',
  asOf: '核查日期',
  records: '处分记录',
  appraisals: '考核记录',
  evaluations: '民主测评结果',
  education: '学历',
  minEducation: '学历要求',
  politicalStatus: '政治面貌',
  post: '拟任职务',
  partyJoinDate: '入党时间',
  fullMembershipDate: '转正时间',
  standingSince: '党龄起算',
  estimated: '按推定计算',
  standing: '党龄（年）',
  required: '要求（年）',
  tips: '经查属实的举报',
  committeeMember: '同时为两委成员',
  relatives: '近亲属',
  roles: '相关职务',
  scope: '范围',
  women: '女性人选',
  young: '35 周岁以下人选',
  approval: '批准',
};
