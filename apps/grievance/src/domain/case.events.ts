import type { CaseDeadline } from './case-deadline';
import type { CaseSource } from './case-source';
import type { Severity } from './case-status';
import type { EscalationMeasure } from './grievance-policy';

/** A person named on a case: the first responsible person (第一责任人) or a directly responsible one. */
export interface PersonRef {
  name: string;
  post: string | null;
}

export interface Milestone {
  milestoneId: string;
  title: string;
  dueOn: string | null;
}

export interface CaseOpenedData {
  caseId: string;
  villageCode: string;
  townshipCode: string | null;
  source: CaseSource;
  category: string;
  severity: Severity;
  description: string;
  measures: string;
  responsibleUnit: string;
  /** 第一责任人: by default the village's liaison (联村领导); null when none is assigned yet. */
  responsiblePerson: PersonRef | null;
  /** Persons the problem is about (e.g. an audit finding's responsible persons). */
  directlyResponsible: PersonRef[];
  deadline: CaseDeadline;
  milestones: Milestone[];
  at: string;
}

/** A source corrected its problem (an audit amendment, a corrected assessment): content changes, the case stays one. */
export interface CaseAmendedData {
  at: string;
  reason: string;
  category: string;
  severity: Severity;
  description: string;
  directlyResponsible: PersonRef[];
}

export type CaseEvent =
  | { type: 'CaseOpened'; data: CaseOpenedData }
  | { type: 'CaseAmended'; data: CaseAmendedData }
  | { type: 'ResponsibleChanged'; data: { at: string; responsibleUnit: string; responsiblePerson: PersonRef | null; reason: string } }
  | { type: 'ProgressNoted'; data: { at: string; noteId: string; text: string; attachments: string[] } }
  | { type: 'MilestoneCompleted'; data: { at: string; milestoneId: string } }
  | { type: 'ClosingApplied'; data: { at: string; evidence: string; attachments: string[]; applicantId: string | null } }
  | { type: 'CaseReturned'; data: { at: string; reasons: string } }
  | { type: 'CaseClosed'; data: { at: string; summary: string; onTime: boolean } }
  | { type: 'CaseReopened'; data: { at: string; reason: string; deadline: CaseDeadline } }
  | { type: 'DeadlineChanged'; data: { at: string; reason: string; deadline: CaseDeadline; previousDue: string } }
  | { type: 'CaseTurnedYellow'; data: { at: string; endsAt: string } }
  | { type: 'CaseOverdue'; data: { at: string; endsAt: string; redCount: number } }
  | { type: 'CaseEscalated'; data: { at: string; measure: EscalationMeasure; redCount: number } };

export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Events that start a limit, so its light jobs are scheduled. */
export function deadlineOf(event: CaseEvent): CaseDeadline | null {
  switch (event.type) {
    case 'CaseOpened':
    case 'CaseReopened':
    case 'DeadlineChanged':
      return event.data.deadline;
    default:
      return null;
  }
}
