// The vetting reads the election pages use (GET /vetting/elections…, /vetting/targets).
import { api } from '../../../shared/api';

export interface ElectionRow {
  election_id: string;
  name: string;
  scope: string;
  policy_id: string;
  policy_version: number;
  voting_from: string | null;
  opened_at: string;
  villages: number;
  gates_closed: number;
  handed_over: number;
  /** Only with ?village=. */
  village_stage?: string;
  village_gate_open?: boolean;
}

export interface BoardRow {
  village_code: string;
  villageName: string | null;
  stage: string;
  gate_open: boolean;
  gate_reasons: string[];
  nominees: number;
  reviewed: number;
  blocked: number;
  disqualified: number;
  open_objections: number;
  joint_reviews_overdue: number;
  notice_ends_on: string | null;
  notice_working_days_left: number | null;
  notice_beyond_horizon: boolean | null;
}

export interface Board {
  election: { election_id: string; name: string; scope: string; policy_id: string; policy_version: number; voting_from: string | null; opened_at: string };
  timeline: Record<string, unknown> | null;
  totals: { villages: number; gates_closed: number; handed_over: number; open_objections: number; joint_reviews_overdue: number };
  total: number;
  page: number;
  pageSize: number;
  villages: BoardRow[];
}

export interface Verdict {
  ruleId: string;
  kind: 'block' | 'warn' | 'needs_approval' | 'approved' | 'pass';
  message: string;
  evidence?: unknown;
}

export interface Nominee {
  nomineeId: string;
  personId: string;
  name: string;
  body: string;
  post: string;
  status: string;
  verdicts: Verdict[];
  jointReview: Record<string, string | null>;
  jointReviewDue: { dueOn: string; endsAt: string } | null;
  jointReviewOverdue: string[];
}

export interface VillageVetting {
  electionId: string;
  villageCode: string;
  villageName: string | null;
  policy: { id: string; version: number };
  stage: string;
  seats: Record<string, number>;
  gate: { open: boolean; reasons: string[] };
  notice: { noticeId: string; nomineeIds: string[]; endsOn: string; endsAt: string; ended: boolean; countdown: { workingDaysLeft: number; beyondHorizon: boolean } | null } | null;
  filingNotice: { endsOn: string; endsAt: string } | null;
  handOverDue: { dueOn: string; endsAt: string } | null;
  openObjections: number;
  slate: { verdicts: Verdict[]; stale: boolean };
  approvals: { ruleId: string; personId?: string; villageCode?: string; approvedBy: string; reason: string; at: string }[];
  nominees: Nominee[];
}

export function listElections(query: { village?: string; page: number; pageSize: number }) {
  return api<{ elections: ElectionRow[]; total: number; page: number; pageSize: number }>('/vetting/elections', { query });
}

export function getBoard(eid: string, query: { village?: string; stage?: string; gate?: string; page: number; pageSize: number }) {
  return api<Board>(`/vetting/elections/${encodeURIComponent(eid)}`, { query });
}

export function getVillageVetting(eid: string, code: string) {
  return api<VillageVetting>(`/vetting/elections/${encodeURIComponent(eid)}/villages/${encodeURIComponent(code)}`);
}
