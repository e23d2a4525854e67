import type { SubjectKind } from './campaign-pack';
import type { PersonRef } from './campaign.events';

/** Talks held with one category of person: how many, and notes where wanted. */
export interface TalkCount {
  category: string;
  count: number;
  notes: string;
}

/** A meeting held (党员群众代表会议、座谈会 …). */
export interface Meeting {
  kind: string;
  count: number;
  participants: number;
}

/**
 * Forms handed out and returned: questionnaires (问卷调查) and satisfaction forms (满意度测评).
 * `representatives` of the returned were answered by 群众代表: the pack's share applies to them.
 */
export interface FormCount {
  kind: 'questionnaire' | 'satisfaction';
  issued: number;
  returned: number;
  representatives: number;
}

export interface Opinion {
  opinionId: string;
  category: string;
  text: string;
  /** The problem it became, if any. */
  problemId: string | null;
}

export interface Finding {
  dimension: string;
  text: string;
}

export interface MemberGrade {
  /** Roster person id when the member is on the roster (village subjects); null otherwise. */
  personId: string | null;
  name: string;
  post: string;
  grade: string;
  reasons: string;
}

export type ProblemSeverity = 'general' | 'major' | 'serious';

export interface DossierProblem {
  problemId: string;
  category: string;
  description: string;
  severity: ProblemSeverity;
}

/** 整改承诺书: per problem, the measures, the responsible person and the deadline. */
export interface Commitment {
  problemId: string;
  measures: string;
  responsible: PersonRef;
  deadline: string;
}

/**
 * The sections a work group fills, each saved whole as the form goes (so a save on a poor
 * connection is one idempotent write of what the screen shows).
 */
export interface DossierSections {
  talks: TalkCount[];
  meetings: Meeting[];
  /** Records checked (查阅资料): what was read. */
  records: string[];
  forms: FormCount[];
  opinions: Opinion[];
  findings: Finding[];
  team: { grade: string; reasons: string } | null;
  members: MemberGrade[];
  /** Village classification (平稳 / 调整充实 / 难点 …) and the 软弱涣散 / 后进 flags. */
  classification: { classification: string; weak: boolean; backward: boolean } | null;
  problems: DossierProblem[];
  /** The paragraph on how the team runs (班子运行情况), for the 届中分析 report. */
  running: string;
}

export type DossierSection = keyof DossierSections;

/**
 * Stream `dossier-<campaignId>-<subjectCode>`: one village's (or township team's) file (一村一档)
 * in one campaign. Attributed in metadata; `by` repeats the user id.
 */
export type DossierEvent =
  | { type: 'DossierOpened'; data: { campaignId: string; subject: { kind: SubjectKind; code: string }; groupId: string; at: string; by: string | null } }
  | { type: 'DossierSectionSaved'; data: { section: DossierSection; content: DossierSections[DossierSection]; at: string; by: string | null } }
  | { type: 'DossierSubmitted'; data: { at: string; by: string | null } }
  | { type: 'DossierApproved'; data: { at: string; by: string | null; comment: string } }
  | { type: 'DossierReturned'; data: { at: string; by: string | null; reason: string } }
  | { type: 'FeedbackIssued'; data: { letterNo: string; at: string; by: string | null } }
  | { type: 'CommitmentsRecorded'; data: { commitments: Commitment[]; at: string; by: string | null } }
  /** The problems accepted into rectification: grievance opens one case each (source: the campaign and subject). */
  | { type: 'ProblemsAccepted'; data: { problemIds: string[]; at: string; by: string | null } }
  /** Grievance closed (销号) a problem's case. */
  | { type: 'ProblemClosed'; data: { problemId: string; caseId: string; closedAt: string } };
