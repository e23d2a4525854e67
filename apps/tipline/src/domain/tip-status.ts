/** received → accepted | not_accepted | transferred → assigned → checking → concluded → feedback_given → closed. */
export const TIP_STATUSES = [
  'received',
  'accepted',
  'not_accepted',
  'transferred',
  'assigned',
  'checking',
  'concluded',
  'feedback_given',
  'closed',
] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

export const TIP_STATUS_LABELS: Readonly<Record<TipStatus, string>> = {
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
