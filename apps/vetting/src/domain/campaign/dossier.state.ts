import type { SubjectKind } from './campaign-pack';
import type { Commitment, DossierEvent, DossierSections } from './dossier.events';

export type DossierStatus = 'draft' | 'submitted' | 'approved';

export const DOSSIER_STATUS_LABELS: Readonly<Record<DossierStatus, string>> = { draft: '填写中', submitted: '待审核', approved: '已审定' };

export const EMPTY_SECTIONS: DossierSections = {
  talks: [],
  meetings: [],
  records: [],
  forms: [],
  opinions: [],
  findings: [],
  team: null,
  members: [],
  classification: null,
  problems: [],
  running: '',
};

export interface DossierState {
  campaignId: string;
  subject: { kind: SubjectKind; code: string };
  groupId: string;
  status: DossierStatus;
  sections: DossierSections;
  /** Why it was last sent back, while it is a draft again. */
  returnedReason: string | null;
  approved: { at: string; by: string | null } | null;
  feedback: { letterNo: string; at: string } | null;
  commitments: Commitment[];
  /** Problem ids accepted into rectification (each a case in grievance). */
  accepted: string[];
  /** problemId → the case that closed it. */
  closed: Record<string, { caseId: string; closedAt: string }>;
  /** The highest problem number (`p<n>`) ever saved, so a deleted problem's id is not given again. */
  lastProblemNo: number;
  version: number;
}

/** n of a problem id `p<n>`; 0 for anything else. */
function problemNo(problemId: string): number {
  const m = /^p(\d+)$/.exec(problemId);
  return m ? Number(m[1]) : 0;
}

/** A dossier as it opens (version 0 until its first event): also the view of a subject not opened yet. */
export function emptyDossier(campaignId: string, subject: { kind: SubjectKind; code: string }, groupId: string): DossierState {
  return {
    campaignId,
    subject,
    groupId,
    status: 'draft',
    sections: EMPTY_SECTIONS,
    returnedReason: null,
    approved: null,
    feedback: null,
    commitments: [],
    accepted: [],
    closed: {},
    lastProblemNo: 0,
    version: 0,
  };
}

export function evolveDossier(state: DossierState | null, e: DossierEvent): DossierState {
  if (e.type === 'DossierOpened') return { ...emptyDossier(e.data.campaignId, e.data.subject, e.data.groupId), version: 1 };
  if (!state) throw new Error(`dossier stream starts with ${e.type}`);
  const s = { ...state, version: state.version + 1 };
  switch (e.type) {
    case 'DossierSectionSaved': {
      const sections = { ...s.sections, [e.data.section]: e.data.content };
      const lastProblemNo = Math.max(s.lastProblemNo, ...sections.problems.map((p) => problemNo(p.problemId)));
      return { ...s, sections, lastProblemNo };
    }
    case 'DossierSubmitted':
      return { ...s, status: 'submitted', returnedReason: null };
    case 'DossierApproved':
      return { ...s, status: 'approved', approved: { at: e.data.at, by: e.data.by } };
    case 'DossierReturned':
      return { ...s, status: 'draft', returnedReason: e.data.reason };
    case 'FeedbackIssued':
      return { ...s, feedback: { letterNo: e.data.letterNo, at: e.data.at } };
    case 'CommitmentsRecorded': {
      const replaced = new Set(e.data.commitments.map((c) => c.problemId));
      return { ...s, commitments: [...s.commitments.filter((c) => !replaced.has(c.problemId)), ...e.data.commitments] };
    }
    case 'ProblemsAccepted':
      return { ...s, accepted: [...new Set([...s.accepted, ...e.data.problemIds])] };
    case 'ProblemClosed':
      return { ...s, closed: { ...s.closed, [e.data.problemId]: { caseId: e.data.caseId, closedAt: e.data.closedAt } } };
  }
}
