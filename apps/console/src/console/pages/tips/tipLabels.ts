// The tip-line's codes in Chinese, as the console shows them.
export const TIP_STATUS_LABELS: Record<string, string> = {
  received: '已接收',
  accepted: '已受理',
  not_accepted: '不予受理',
  transferred: '已转办',
  assigned: '已交办',
  checking: '初步核实中',
  concluded: '已办结',
  feedback_given: '已反馈',
  closed: '已结案',
};

export const STATUS_COLORS: Record<string, string> = {
  received: 'blue',
  accepted: 'cyan',
  not_accepted: 'default',
  transferred: 'purple',
  assigned: 'geekblue',
  checking: 'orange',
  concluded: 'green',
  feedback_given: 'green',
  closed: 'default',
};

export const EVENT_LABELS: Record<string, string> = {
  TipReceived: '收到举报',
  RepeatLinked: '关联重复举报',
  TipAcknowledged: '确认收悉',
  TipAccepted: '受理',
  TipNotAccepted: '不予受理',
  TipTransferred: '转办',
  TipAssigned: '交办',
  CheckNoteAdded: '核实记录',
  CheckTaskAdded: '核实任务',
  CheckTaskCompleted: '完成核实任务',
  DeadlineExtended: '延长办结期限',
  TipConcluded: '办结',
  RectificationClosed: '整改销号',
  MessageToReporter: '向举报人留言',
  ReporterReplied: '举报人回复',
  TipClosed: '结案',
  DeadlineReminded: '期限提醒',
  DeadlineOverdue: '超期',
  ReporterIdentityRead: '查看举报人身份',
  ReporterIdentityErased: '销毁举报人身份信息',
};

export const FINDING_OPTIONS = [
  { value: 'substantiated', label: '属实' },
  { value: 'partly_substantiated', label: '部分属实' },
  { value: 'unsubstantiated', label: '不属实' },
  { value: 'unverifiable', label: '无法查实' },
];

export const PERIOD_UNITS: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时' };

export interface Remaining {
  unit: string;
  value: number;
  overdue: boolean;
  label: string;
}
