import { formatPeriod } from '@lw/domain';
import { categoryName, gateReasons, SEVERITY_LABELS, seriousOpen, STATUS_LABELS, totalsByCategory, type AuditPolicy, type EngagementState } from '../domain/engagement';

export type EngagementView = ReturnType<typeof engagementView>;

/** An engagement as the detail page shows it, read from its stream (never stale). */
export function engagementView(s: EngagementState, version: number, villageName: string, policy: AuditPolicy) {
  const totals = totalsByCategory(s.findings.values());
  return {
    engagementId: s.engagementId,
    version,
    kind: s.kind,
    villageCode: s.villageCode,
    villageName,
    electionId: s.electionId,
    status: s.status,
    statusLabel: STATUS_LABELS[s.status],
    persons: s.persons,
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    auditors: s.auditors,
    dates: { plannedAt: s.plannedAt, fieldworkAt: s.fieldworkAt, draftAt: s.draftAt, concludedAt: s.concludedAt, publishedAt: s.publishedAt },
    summary: s.summary,
    notice: s.notice ? { ...s.notice, period: formatPeriod(policy.publicationNotice) } : null,
    seriousOpen: seriousOpen(s),
    gateReasons: s.kind === 'outgoing' ? gateReasons({ status: s.status, seriousOpen: seriousOpen(s) }, policy) : [],
    totals: { ...totals, rows: totals.rows.map((r) => ({ ...r, categoryName: categoryName(r.category, policy.categories) })) },
    findings: [...s.findings.values()].map((f) => ({
      ...f,
      categoryName: categoryName(f.category, policy.categories),
      severityLabel: SEVERITY_LABELS[f.severity],
      transferred: f.transferId !== null,
    })),
  };
}
