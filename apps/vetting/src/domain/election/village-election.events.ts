import type { Approval } from '../rules/approval';
import type { ReviewVerdict } from './review-verdict';

export type Body = 'party' | 'committee' | 'supervision';
export type JointAnswer = 'pass' | 'fail' | 'needs_info';

/** The policy pack an election runs under (DOMAIN.md §1: every number is data, versioned per election). */
export interface PolicyRef {
  id: string;
  version: number;
}

export interface NomineeRef {
  nomineeId: string;
  personId: string;
  name: string;
  post: string;
  body: Body;
}

/** The election of one village's committees, from nomination to hand-over (DOMAIN.md §1, steps 2–7). */
export type VillageElectionEvent =
  | { type: 'VillageElectionOpened'; data: { electionId: string; villageCode: string; seats: Record<Body, number>; policy?: PolicyRef; at: string } }
  | { type: 'NomineeListed'; data: NomineeRef & { at: string } }
  | { type: 'FirstReviewRecorded'; data: { nomineeId: string; verdicts: ReviewVerdict[]; passed: boolean; at: string } }
  | { type: 'SlateReviewRecorded'; data: { verdicts: ReviewVerdict[]; stage?: 'preliminary' | 'final'; at: string } }
  | { type: 'ApprovalRecorded'; data: { approval: Approval; nomineeId: string | null } }
  | { type: 'JointReviewRequested'; data: { nomineeId: string; departments: string[]; dueOn: string; endsAt: string; at: string } }
  | { type: 'JointReviewAnswered'; data: { nomineeId: string; department: string; answer: JointAnswer; reason: string | null; at: string } }
  | { type: 'JointReviewChased'; data: { nomineeId: string; departments: string[]; at: string } }
  | { type: 'InspectionSubjectConfirmed'; data: { nomineeId: string; at: string } }
  | { type: 'NoticeStarted'; data: { noticeId: string; nomineeIds: string[]; startsOn: string; endsOn: string; endsAt: string; at: string } }
  | { type: 'ObjectionRaised'; data: { noticeId: string; nomineeId: string | null; tipId: string; at: string } }
  | { type: 'ObjectionConcluded'; data: { tipId: string; finding: string; at: string } }
  | { type: 'NomineeDisqualified'; data: { nomineeId: string; reason: string; evidence: { tipId?: string; verdicts?: ReviewVerdict[] }; at: string } }
  | { type: 'NoticeEnded'; data: { noticeId: string; at: string } }
  | { type: 'CandidatesConfirmed'; data: { nomineeIds: string[]; at: string } }
  | { type: 'GateChanged'; data: { open: boolean; reasons: string[]; at: string } }
  | { type: 'ResultRecorded'; data: { elected: { nomineeId: string; post: string; body: Body }[]; handOver?: { dueOn: string; endsAt: string }; at: string } }
  | { type: 'FilingNoticeStarted'; data: { startsOn: string; endsOn: string; endsAt: string; at: string } }
  | { type: 'AppointmentFiled'; data: { at: string } }
  | { type: 'HandedOver'; data: { at: string } };
