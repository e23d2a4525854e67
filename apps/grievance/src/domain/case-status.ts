/** 已交办 → 整改中 → 申请销号 → 已销号, with 退回 (returned) back to work and 重新整改 on recurrence. */
export const CASE_STATUSES = ['assigned', 'in_progress', 'returned', 'closing_applied', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  assigned: '已交办',
  in_progress: '整改中',
  returned: '退回整改',
  closing_applied: '申请销号',
  closed: '已销号',
};

/** 一般 / 较重 / 严重. */
export const SEVERITIES = ['general', 'major', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { general: '一般', major: '较重', serious: '严重' };
