import { formatShanghai } from '@lw/domain';
import type { StoredEvent } from '@lw/eventstore';
import { CASE_SOURCE_LABELS, CASE_STATUS_LABELS, LIGHT_LABELS, SEVERITY_LABELS, lightAt, type CaseState } from '../domain';

/** What a step answers: where the case stands now. */
export function caseSummary(s: CaseState, version: number, now = new Date()) {
  const light = lightAt(s.deadline, s.status === 'closed', now);
  return { caseId: s.caseId, version, status: s.status, statusLabel: CASE_STATUS_LABELS[s.status], light, lightLabel: LIGHT_LABELS[light], deadline: s.deadline };
}

/** The case with its history: every step with who did it and when (the event log is the audit trail). */
export function caseDetailView(s: CaseState, version: number, events: StoredEvent[], now = new Date()) {
  return {
    ...caseSummary(s, version, now),
    villageCode: s.villageCode,
    townshipCode: s.townshipCode,
    source: s.source,
    sourceLabel: CASE_SOURCE_LABELS[s.source.kind],
    category: s.category,
    severity: s.severity,
    severityLabel: SEVERITY_LABELS[s.severity],
    description: s.description,
    measures: s.measures,
    responsibleUnit: s.responsibleUnit,
    responsiblePerson: s.responsiblePerson,
    directlyResponsible: s.directlyResponsible,
    milestones: s.milestones,
    notes: s.notes,
    application: s.application,
    returns: s.returns,
    closedAt: s.closedAt,
    closeSummary: s.closeSummary,
    reopenCount: s.reopenCount,
    redCount: s.redCount,
    escalations: s.escalations,
    openedAt: s.openedAt,
    openedAtLocal: formatShanghai(new Date(s.openedAt)),
    history: events.map((e) => ({
      version: e.streamVersion,
      type: e.type,
      at: e.metadata.occurredAt ?? e.createdAt.toISOString(),
      atLocal: formatShanghai(new Date(e.metadata.occurredAt ?? e.createdAt)),
      by: e.metadata.actor?.userId ?? null,
    })),
  };
}
