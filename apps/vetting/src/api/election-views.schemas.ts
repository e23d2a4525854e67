import { z } from 'zod';
import { policyPackSchema } from '../domain/policy/policy-pack.schema';

// What the election and policy-pack routes answer, for the OpenAPI document (@Returns):
// documentation, not checked at run time. Instants are ISO strings, dates YYYY-MM-DD. The board's
// rows keep their snake_case columns, as the console reads them.

const count = z.number().int().min(0);
const date = z.string().describe('日期 YYYY-MM-DD');
const instant = z.string().describe('时刻（ISO 8601）');
const stage = z.enum(['nominating', 'notice', 'confirmed', 'result', 'filing', 'filed', 'handed_over']);
const body = z.enum(['party', 'committee', 'supervision']);
const seats = z.object({ party: count, committee: count, supervision: count });
const policyRef = z.object({ id: z.string(), version: count });
const due = z.object({ dueOn: date, endsAt: instant });
const verdict = z.object({
  ruleId: z.string(),
  kind: z.enum(['block', 'warn', 'needs_approval', 'approved', 'pass']),
  message: z.string().describe('规则的结论（中文）'),
  evidence: z.unknown().optional().describe('规则所依据的事实'),
  personId: z.string().optional().describe('人选规则：所涉人员'),
  villageCode: z.string().optional().describe('班子结构规则：所涉村（社区）'),
});
const slate = z.object({ verdicts: z.array(verdict) });
const nominee = z.object({
  nomineeId: z.string(),
  personId: z.string(),
  name: z.string(),
  post: z.string(),
  body,
  status: z.enum(['listed', 'first_review_failed', 'first_review_passed', 'joint_review', 'joint_review_failed', 'inspection_subject', 'on_notice', 'disqualified', 'confirmed', 'elected', 'not_elected']),
  verdicts: z.array(verdict),
  jointReview: z.record(z.string(), z.enum(['pass', 'fail', 'needs_info']).nullable()).describe('联审部门 → 答复（未答复为 null）'),
  jointReviewDue: due.nullable(),
  jointReviewOverdue: z.array(z.string()).describe('已催办仍未答复的部门'),
});
const approval = z.object({ ruleId: z.string(), personId: z.string().optional(), villageCode: z.string().optional(), approvedBy: z.string(), reason: z.string(), at: instant });

export const electionOpenedView = z.object({ electionId: z.string(), villages: count });

/** Each step on a village's election: the stage it is at and the stream's version. */
export const stepResultView = z.object({ stage, version: count });
export const nomineeReviewedView = stepResultView.extend({ nominee: nominee.optional(), slate });
export const villageReviewedView = stepResultView.extend({ nominees: z.array(nominee), slate });
export const approvalRecordedView = stepResultView.extend({ approval, nominee: nominee.optional(), slate });

const election = z.object({
  election_id: z.string(),
  name: z.string(),
  scope: z.string(),
  policy_id: z.string(),
  policy_version: count,
  voting_from: date.nullable(),
  opened_at: instant,
});
const page = { total: count, page: count, pageSize: count };

export const electionListView = z.object({
  elections: z.array(
    election.extend({
      villages: count,
      gates_closed: count,
      handed_over: count,
      village_stage: stage.nullable().optional().describe('按村筛选时：该村的阶段'),
      village_gate_open: z.boolean().nullable().optional().describe('按村筛选时：该村的审计关口是否打开'),
    }),
  ),
  ...page,
});

export const electionBoardView = z.object({
  election,
  timeline: z.object({ votingDay: date, voterListBy: date, voterObjectionsUntil: date, candidatesBy: date }).nullable(),
  totals: z.object({ villages: count, gates_closed: count, handed_over: count, open_objections: count, joint_reviews_overdue: count }),
  ...page,
  villages: z.array(
    z.object({
      village_code: z.string(),
      villageName: z.string().nullable(),
      stage,
      gate_open: z.boolean(),
      gate_reasons: z.array(z.string()),
      nominees: count,
      reviewed: count,
      blocked: count,
      disqualified: count,
      open_objections: count,
      joint_reviews_overdue: count,
      notice_ends_on: date.nullable(),
      notice_working_days_left: count.nullable().describe('公示剩余工作日（含今天）'),
      notice_beyond_horizon: z.boolean().nullable().describe('部分日期超出官方日历，按普通工作日计'),
    }),
  ),
});

export const villageElectionView = z.object({
  electionId: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  policy: policyRef,
  stage,
  seats,
  gate: z.object({ open: z.boolean(), reasons: z.array(z.string()) }),
  notice: z
    .object({
      noticeId: z.string(),
      nomineeIds: z.array(z.string()),
      endsOn: date,
      endsAt: instant,
      ended: z.boolean(),
      countdown: z.object({ endsOn: date, workingDaysLeft: count, beyondHorizon: z.boolean() }).nullable(),
    })
    .nullable(),
  filingNotice: z.object({ endsOn: date, endsAt: instant }).nullable(),
  handOverDue: due.nullable(),
  openObjections: count,
  slate: slate.extend({ stale: z.boolean().describe('提名有变，须重新审查班子结构') }),
  approvals: z.array(approval),
  nominees: z.array(nominee),
});

export const builtInPacksView = z.object({ builtIn: z.array(z.object({ id: z.string(), version: count, name: z.string(), cutOffDate: date })) });
export const policyPackView = policyPackSchema;
export const packReleasedView = z.object({ id: z.string(), version: count, name: z.string() });
