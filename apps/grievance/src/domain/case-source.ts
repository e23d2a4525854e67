/** Where a problem came from. Matches grievance.CaseClosed's source kinds. */
export const CASE_SOURCE_KINDS = ['tip', 'audit', 'inspection', 'analysis', 'evaluation', 'citizen'] as const;
export type CaseSourceKind = (typeof CASE_SOURCE_KINDS)[number];

export const CASE_SOURCE_LABELS: Readonly<Record<CaseSourceKind, string>> = {
  tip: '信访举报',
  audit: '审计发现',
  inspection: '“回头看”检查',
  analysis: '研判分析',
  evaluation: '民主测评',
  citizen: '群众诉求',
};

/** Sources a clerk may enter by hand; the others arrive as other services' events. */
export const MANUAL_SOURCE_KINDS = ['inspection', 'evaluation', 'citizen'] as const satisfies readonly CaseSourceKind[];

export interface CaseSource {
  kind: CaseSourceKind;
  /** The source's own id (tipId, findingId, problemId); null for hand-entered cases. */
  ref: string | null;
}
