import type { Approval } from '../rules/approval';
import type { ReviewVerdict } from './review-verdict';
import type { Body, JointAnswer, NomineeRef, PolicyRef, VillageElectionEvent } from './village-election.events';

export type NomineeStatus =
  | 'listed'
  | 'first_review_failed'
  | 'first_review_passed'
  | 'joint_review'
  | 'joint_review_failed'
  | 'inspection_subject'
  | 'on_notice'
  | 'disqualified'
  | 'confirmed'
  | 'elected'
  | 'not_elected';

export interface NomineeState extends NomineeRef {
  status: NomineeStatus;
  verdicts: ReviewVerdict[];
  /** department → answer (null while pending). */
  jointReview: Record<string, JointAnswer | null>;
  jointReviewDue: { dueOn: string; endsAt: string } | null;
  /** Departments chased for being late and not yet answered: the joint-review matrix highlights them. */
  jointReviewOverdue: string[];
}

export type Stage = 'nominating' | 'notice' | 'confirmed' | 'result' | 'filing' | 'filed' | 'handed_over';

export interface VillageElectionState {
  electionId: string;
  villageCode: string;
  seats: Record<Body, number>;
  policy: PolicyRef;
  stage: Stage;
  nominees: Map<string, NomineeState>;
  slateVerdicts: ReviewVerdict[];
  /** True when nominees changed after the last slate review: the slate must be reviewed again before notice. */
  slateStale: boolean;
  /** Exceptions recorded by an authorised user (e.g. a continuing secretary over 55 with county approval). */
  approvals: Approval[];
  /** 任职备案 notice after the result. */
  filingNotice: { endsOn: string; endsAt: string } | null;
  /** 交接 due after the result (e.g. within 10 日). */
  handOverDue: { dueOn: string; endsAt: string } | null;
  notice: { noticeId: string; nomineeIds: string[]; endsOn: string; endsAt: string; ended: boolean } | null;
  /** Objections (tip ids) raised during the notice and not yet concluded. */
  openObjections: Map<string, string | null>;
  gate: { open: boolean; reasons: string[] };
  version: number;
}

function withNominee(s: VillageElectionState, id: string, patch: Partial<NomineeState>): Map<string, NomineeState> {
  const m = new Map(s.nominees);
  const n = m.get(id);
  if (n) m.set(id, { ...n, ...patch });
  return m;
}

export function evolveVillageElection(state: VillageElectionState | null, e: VillageElectionEvent): VillageElectionState {
  if (e.type === 'VillageElectionOpened') {
    return {
      electionId: e.data.electionId,
      villageCode: e.data.villageCode,
      seats: e.data.seats,
      // Streams opened before elections carried their pack ran under the default.
      policy: e.data.policy ?? { id: 'default', version: 1 },
      stage: 'nominating',
      nominees: new Map(),
      slateVerdicts: [],
      slateStale: false,
      approvals: [],
      filingNotice: null,
      handOverDue: null,
      notice: null,
      openObjections: new Map(),
      // Closed until the auditing service says the outgoing audit is concluded and published.
      gate: { open: false, reasons: ['离任经济责任审计尚未办结'] },
      version: 1,
    };
  }
  if (!state) throw new Error(`village election stream starts with ${e.type}`);
  const s: VillageElectionState = { ...state, version: state.version + 1 };
  switch (e.type) {
    case 'NomineeListed': {
      const { at: _at, ...ref } = e.data;
      const nominees = new Map(s.nominees).set(ref.nomineeId, { ...ref, status: 'listed', verdicts: [], jointReview: {}, jointReviewDue: null, jointReviewOverdue: [] });
      return { ...s, nominees, slateStale: true };
    }
    case 'FirstReviewRecorded': {
      // A re-evaluation after the first review only refreshes the verdicts; a failing one comes with NomineeDisqualified.
      const before = s.nominees.get(e.data.nomineeId)?.status ?? '';
      const early = ['listed', 'first_review_passed', 'first_review_failed'].includes(before);
      const status: NomineeStatus = e.data.passed ? 'first_review_passed' : 'first_review_failed';
      const patch: Partial<NomineeState> = early ? { verdicts: e.data.verdicts, status } : { verdicts: e.data.verdicts };
      // Who is still in the running changed, so the slate's head counts must be checked again.
      const slateStale = s.slateStale || (early && before !== status && s.stage === 'nominating');
      return { ...s, nominees: withNominee(s, e.data.nomineeId, patch), slateStale };
    }
    case 'SlateReviewRecorded':
      return { ...s, slateVerdicts: e.data.verdicts, slateStale: false };
    case 'ApprovalRecorded':
      return { ...s, approvals: [...s.approvals, e.data.approval] };
    case 'JointReviewRequested':
      return {
        ...s,
        nominees: withNominee(s, e.data.nomineeId, {
          status: 'joint_review',
          jointReview: Object.fromEntries(e.data.departments.map((d) => [d, null])),
          jointReviewDue: { dueOn: e.data.dueOn, endsAt: e.data.endsAt },
        }),
      };
    case 'JointReviewAnswered': {
      const n = s.nominees.get(e.data.nomineeId)!;
      const jointReview = { ...n.jointReview, [e.data.department]: e.data.answer };
      const status: NomineeStatus = e.data.answer === 'fail' ? 'joint_review_failed' : n.status;
      const jointReviewOverdue = e.data.answer === 'needs_info' ? n.jointReviewOverdue : n.jointReviewOverdue.filter((d) => d !== e.data.department);
      return { ...s, nominees: withNominee(s, n.nomineeId, { jointReview, status, jointReviewOverdue }) };
    }
    case 'JointReviewChased':
      return { ...s, nominees: withNominee(s, e.data.nomineeId, { jointReviewOverdue: e.data.departments }) };
    case 'InspectionSubjectConfirmed':
      return { ...s, nominees: withNominee(s, e.data.nomineeId, { status: 'inspection_subject' }) };
    case 'NoticeStarted': {
      let nominees = s.nominees;
      for (const id of e.data.nomineeIds) nominees = withNominee({ ...s, nominees }, id, { status: 'on_notice' });
      return { ...s, stage: 'notice', nominees, notice: { noticeId: e.data.noticeId, nomineeIds: e.data.nomineeIds, endsOn: e.data.endsOn, endsAt: e.data.endsAt, ended: false } };
    }
    case 'ObjectionRaised':
      return { ...s, openObjections: new Map(s.openObjections).set(e.data.tipId, e.data.nomineeId) };
    case 'ObjectionConcluded': {
      const openObjections = new Map(s.openObjections);
      openObjections.delete(e.data.tipId);
      return { ...s, openObjections };
    }
    case 'NomineeDisqualified':
      return { ...s, nominees: withNominee(s, e.data.nomineeId, { status: 'disqualified' }), slateStale: s.stage === 'nominating' };
    case 'NoticeEnded':
      return { ...s, notice: s.notice ? { ...s.notice, ended: true } : null };
    case 'CandidatesConfirmed': {
      let nominees = s.nominees;
      for (const id of e.data.nomineeIds) nominees = withNominee({ ...s, nominees }, id, { status: 'confirmed' });
      return { ...s, stage: 'confirmed', nominees };
    }
    case 'GateChanged':
      return { ...s, gate: { open: e.data.open, reasons: e.data.reasons } };
    case 'ResultRecorded': {
      const elected = new Set(e.data.elected.map((x) => x.nomineeId));
      let nominees = s.nominees;
      for (const n of s.nominees.values()) {
        if (n.status === 'confirmed') nominees = withNominee({ ...s, nominees }, n.nomineeId, { status: elected.has(n.nomineeId) ? 'elected' : 'not_elected' });
      }
      return { ...s, stage: 'result', nominees, handOverDue: e.data.handOver ?? null };
    }
    case 'FilingNoticeStarted':
      return { ...s, stage: 'filing', filingNotice: { endsOn: e.data.endsOn, endsAt: e.data.endsAt } };
    case 'AppointmentFiled':
      return { ...s, stage: 'filed' };
    case 'HandedOver':
      return { ...s, stage: 'handed_over' };
  }
}

/** The state as JSON holds it: its two Maps as entry lists. */
export type VillageElectionJson = Omit<VillageElectionState, 'nominees' | 'openObjections'> & {
  nominees: [string, NomineeState][];
  openObjections: [string, string | null][];
};

/** For snapshots: a long stream (eight nominees, their reviews, six departments each) loads from JSON. */
export function encodeVillageElection(s: VillageElectionState): VillageElectionJson {
  return { ...s, nominees: [...s.nominees], openObjections: [...s.openObjections] };
}

export function decodeVillageElection(json: unknown): VillageElectionState {
  const j = json as VillageElectionJson;
  return { ...j, nominees: new Map(j.nominees), openObjections: new Map(j.openObjections) };
}
