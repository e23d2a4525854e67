// Chinese labels of the campaign pages (the API sends kindLabel/statusLabel too; these cover the rest).
import type { CampaignKind, DossierSection, DossierStatus, ProblemSeverity } from './campaign-api';
import type { SaveState } from './section-saver';

export const KIND_LABELS: Record<CampaignKind, string> = { lookback: '换届“回头看”', midterm: '届中分析', annual: '年度研判', special: '专项整治' };

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, string> = { draft: '填写中', submitted: '待审核', approved: '已审定' };
export const DOSSIER_STATUS_COLORS: Record<DossierStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success' };

export const SECTION_LABELS: Record<DossierSection, string> = {
  talks: '走访谈话',
  meetings: '召开会议',
  records: '查阅资料',
  forms: '问卷与满意度测评',
  opinions: '意见建议',
  findings: '分析研判',
  team: '班子评价',
  members: '成员评价',
  classification: '村级分类',
  problems: '存在问题',
  running: '班子运行情况',
};

export const SEVERITY_LABELS: Record<ProblemSeverity, string> = { general: '一般', major: '较重', serious: '严重' };

export const FORM_KIND_LABELS = { questionnaire: '问卷调查表', satisfaction: '满意度测评表' } as const;

/** The words the section header shows: the work group must see at a glance what has not landed. */
export const SAVE_STATE_LABELS: Record<SaveState, string> = {
  saved: '已保存',
  pending: '未保存',
  saving: '保存中…',
  offline: '未保存（网络不通，自动重试）',
  rejected: '未保存',
};
export const SAVE_STATE_COLORS: Record<SaveState, string> = { saved: 'success', pending: 'warning', saving: 'processing', offline: 'error', rejected: 'error' };

export const MEETING_KINDS = ['党员群众代表会议', '村民代表会议', '党员大会', '座谈会', '民主测评会'];
export const RECORD_KINDS = ['“三会一课”记录', '“四议两公开”记录', '村务公开栏', '财务账目', '“三资”台账', '党费收缴记录', '换届选举资料', '信访件'];

export const WRITERS = ['org_dept', 'township'];
export const REVIEWERS = ['org_dept', 'township'];
