import type { CaseStatus } from './case-status';
import type { CaseEvent, CaseOpenedData, Milestone } from './case.events';
import type { EscalationMeasure } from './grievance-policy';

/** A case: what it was opened with (less the opening's own list and instant), and what happened since. */
export interface CaseState extends Omit<CaseOpenedData, 'milestones' | 'at'> {
  milestones: (Milestone & { doneAt: string | null })[];
  status: CaseStatus;
  openedAt: string;
  notes: { noteId: string; text: string; attachments: string[]; at: string }[];
  application: { at: string; evidence: string; attachments: string[]; applicantId: string | null } | null;
  returns: { at: string; reasons: string }[];
  closedAt: string | null;
  closeSummary: string | null;
  reopenCount: number;
  /** Reds over the case's life, across limits (the second one escalates). */
  redCount: number;
  /** endsAt of the limit the yellow / red flag was raised for; a new limit clears neither count. */
  yellowFlaggedFor: string | null;
  redFlaggedFor: string | null;
  escalations: { measure: EscalationMeasure; redCount: number; at: string }[];
  amendments: number;
}

export function evolveCase(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    return {
      caseId: d.caseId,
      villageCode: d.villageCode,
      townshipCode: d.townshipCode,
      source: d.source,
      category: d.category,
      severity: d.severity,
      description: d.description,
      measures: d.measures,
      responsibleUnit: d.responsibleUnit,
      responsiblePerson: d.responsiblePerson,
      directlyResponsible: d.directlyResponsible,
      deadline: d.deadline,
      milestones: d.milestones.map((m) => ({ ...m, doneAt: null })),
      status: 'assigned',
      openedAt: d.at,
      notes: [],
      application: null,
      returns: [],
      closedAt: null,
      closeSummary: null,
      reopenCount: 0,
      redCount: 0,
      yellowFlaggedFor: null,
      redFlaggedFor: null,
      escalations: [],
      amendments: 0,
    };
  }
  if (!state) throw new Error(`case stream starts with ${event.type}, not CaseOpened`);
  switch (event.type) {
    case 'CaseAmended': {
      const { category, severity, description, directlyResponsible } = event.data;
      return { ...state, category, severity, description, directlyResponsible, amendments: state.amendments + 1 };
    }
    case 'ResponsibleChanged':
      return { ...state, responsibleUnit: event.data.responsibleUnit, responsiblePerson: event.data.responsiblePerson };
    case 'ProgressNoted':
      return {
        ...state,
        status: state.status === 'assigned' || state.status === 'returned' ? 'in_progress' : state.status,
        notes: [...state.notes, { noteId: event.data.noteId, text: event.data.text, attachments: event.data.attachments, at: event.data.at }],
      };
    case 'MilestoneCompleted':
      return { ...state, milestones: state.milestones.map((m) => (m.milestoneId === event.data.milestoneId ? { ...m, doneAt: event.data.at } : m)) };
    case 'ClosingApplied':
      return { ...state, status: 'closing_applied', application: { ...event.data } };
    case 'CaseReturned':
      return { ...state, status: 'returned', returns: [...state.returns, { at: event.data.at, reasons: event.data.reasons }] };
    case 'CaseClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, closeSummary: event.data.summary };
    case 'CaseReopened':
      return { ...state, status: 'in_progress', deadline: event.data.deadline, closedAt: null, closeSummary: null, application: null, reopenCount: state.reopenCount + 1 };
    case 'DeadlineChanged':
      return { ...state, deadline: event.data.deadline };
    case 'CaseTurnedYellow':
      return { ...state, yellowFlaggedFor: event.data.endsAt };
    case 'CaseOverdue':
      return { ...state, redFlaggedFor: event.data.endsAt, redCount: event.data.redCount };
    case 'CaseEscalated':
      return { ...state, escalations: [...state.escalations, { measure: event.data.measure, redCount: event.data.redCount, at: event.data.at }] };
  }
}

export function foldCase(events: readonly CaseEvent[]): CaseState | null {
  return events.reduce<CaseState | null>((s, e) => evolveCase(s, e), null);
}
