import { DomainConflictError, DomainValidationError, dueDate, shanghaiDateOf, type Period, type WorkingCalendar } from '@lw/domain';
import type { Approval } from '../rules/approval';
import { verdictsAllow, type ReviewVerdict } from './review-verdict';
import type { Body, JointAnswer, NomineeRef, PolicyRef, VillageElectionEvent } from './village-election.events';
import type { NomineeState, NomineeStatus, VillageElectionState } from './village-election.state';

export interface ElectionContext {
  now: Date;
  calendar: WorkingCalendar;
}

const at = (c: ElectionContext) => c.now.toISOString();

function conflict(code: string, zh: string, en: string): DomainConflictError {
  return new DomainConflictError(`election.${code}`, zh, en);
}

function nominee(s: VillageElectionState, id: string): NomineeState {
  const n = s.nominees.get(id);
  if (!n) throw new DomainValidationError('election.unknown_nominee', '该人选不在本村提名名单中', `no nominee ${id}`);
  return n;
}

function requireStage(s: VillageElectionState, stages: VillageElectionState['stage'][], zh: string): void {
  if (!stages.includes(s.stage)) throw conflict('wrong_stage', `本村换届当前阶段不能${zh}`, `stage ${s.stage}`);
}

export function openVillageElection(electionId: string, villageCode: string, seats: Record<Body, number>, policy: PolicyRef, c: ElectionContext): VillageElectionEvent[] {
  return [{ type: 'VillageElectionOpened', data: { electionId, villageCode, seats, policy, at: at(c) } }];
}

/** Nominees still in the running: listed or further on, not failed, disqualified or out. */
export function nomineesInRunning(s: VillageElectionState): NomineeState[] {
  const out: NomineeStatus[] = ['first_review_failed', 'joint_review_failed', 'disqualified', 'not_elected'];
  return [...s.nominees.values()].filter((n) => !out.includes(n.status));
}

export function listNominee(s: VillageElectionState, ref: NomineeRef, c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['nominating'], '提名');
  if (s.nominees.has(ref.nomineeId)) return [];
  const same = [...s.nominees.values()].find((n) => n.personId === ref.personId && n.body === ref.body && n.status !== 'disqualified');
  if (same) throw conflict('duplicate_nominee', `${ref.name}已被提名为${same.post}，同一班子不能重复提名`, `person ${ref.personId} already nominated in ${ref.body}`);
  return [{ type: 'NomineeListed', data: { ...ref, at: at(c) } }];
}

const LATER: NomineeStatus[] = ['joint_review', 'inspection_subject', 'on_notice', 'confirmed'];

/**
 * The township's first review (初审): the rules engine's verdicts on one nominee. Re-run whenever an
 * input changes; a nominee already further on who now fails is disqualified with the verdicts as evidence.
 */
export function recordFirstReview(s: VillageElectionState, nomineeId: string, verdicts: ReviewVerdict[], c: ElectionContext): VillageElectionEvent[] {
  const n = nominee(s, nomineeId);
  if (['disqualified', 'elected', 'not_elected'].includes(n.status)) return [];
  const passed = verdictsAllow(verdicts);
  const events: VillageElectionEvent[] = [{ type: 'FirstReviewRecorded', data: { nomineeId, verdicts, passed, at: at(c) } }];
  if (!passed && LATER.includes(n.status)) {
    events.push({
      type: 'NomineeDisqualified',
      data: { nomineeId, reason: verdicts.filter((v) => v.kind === 'block' || v.kind === 'needs_approval').map((v) => v.message).join('；'), evidence: { verdicts }, at: at(c) },
    });
  }
  return events;
}

/** The township's review of the slate as a whole (差额, 女性, 年轻, 近亲属回避, 监委会) at the preliminary stage. */
export function recordSlateReview(s: VillageElectionState, verdicts: ReviewVerdict[], c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['nominating'], '审查班子结构');
  return [{ type: 'SlateReviewRecorded', data: { verdicts, stage: 'preliminary', at: at(c) } }];
}

/**
 * An explicit exception by an authorised user (the application checks who may approve): it names one
 * rule and one nominee, or the village's slate. It never lifts a block (applyApprovals decides that).
 */
export function recordApproval(s: VillageElectionState, approval: Approval, nomineeId: string | null, c: ElectionContext): VillageElectionEvent[] {
  if (['result', 'filing', 'filed', 'handed_over'].includes(s.stage)) throw conflict('wrong_stage', '选举结果已产生，不能再批准例外', `stage ${s.stage}`);
  if (nomineeId !== null) nominee(s, nomineeId);
  if (!approval.reason.trim()) throw new DomainValidationError('election.reason_required', '批准例外须写明理由', 'approval without reason');
  const same = s.approvals.find((a) => a.ruleId === approval.ruleId && a.personId === approval.personId && a.villageCode === approval.villageCode);
  if (same) throw conflict('already_approved', `该事项已于 ${same.at.slice(0, 10)} 由 ${same.approvedBy} 批准`, `approval for ${approval.ruleId} exists`);
  void c;
  return [{ type: 'ApprovalRecorded', data: { approval, nomineeId } }];
}

/** County joint review (资格联审): one request per participating department, due in working days. */
export function requestJointReview(s: VillageElectionState, nomineeId: string, departments: string[], period: Period, c: ElectionContext): VillageElectionEvent[] {
  const n = nominee(s, nomineeId);
  if (n.status === 'joint_review') return [];
  if (n.status !== 'first_review_passed') throw conflict('not_reviewed', `${n.name}尚未通过乡镇初审，不能提交联审`, `nominee ${nomineeId} is ${n.status}`);
  if (departments.length === 0) throw new DomainValidationError('election.no_departments', '请至少选择一个联审部门', 'no departments');
  const d = dueDate(c.now, period, c.calendar);
  return [{ type: 'JointReviewRequested', data: { nomineeId, departments, dueOn: d.due, endsAt: d.endsAt.toISOString(), at: at(c) } }];
}

export function answerJointReview(s: VillageElectionState, nomineeId: string, department: string, answer: JointAnswer, reason: string | null, c: ElectionContext): VillageElectionEvent[] {
  const n = nominee(s, nomineeId);
  if (!(department in n.jointReview)) throw new DomainValidationError('election.unknown_department', `${department}不在该人选的联审部门之列`, `department ${department} not asked`);
  if (n.status !== 'joint_review') throw conflict('not_in_joint_review', `${n.name}不在联审阶段`, `nominee ${nomineeId} is ${n.status}`);
  const previous = n.jointReview[department];
  if (previous === 'pass' || previous === 'fail') throw conflict('already_answered', `${department}已答复，不能重复答复`, `${department} answered ${previous}`);
  if (answer !== 'pass' && !reason?.trim()) throw new DomainValidationError('election.reason_required', '不通过或需补充材料时须写明理由', 'reason required');
  const events: VillageElectionEvent[] = [{ type: 'JointReviewAnswered', data: { nomineeId, department, answer, reason: reason?.trim() || null, at: at(c) } }];
  const after = { ...n.jointReview, [department]: answer };
  if (answer === 'pass' && Object.values(after).every((a) => a === 'pass')) events.push({ type: 'InspectionSubjectConfirmed', data: { nomineeId, at: at(c) } });
  return events;
}

/** Departments that have not answered by the end of the limit are chased (once per run of the job). */
export function chaseJointReview(s: VillageElectionState, nomineeId: string, c: ElectionContext): VillageElectionEvent[] {
  const n = nominee(s, nomineeId);
  if (n.status !== 'joint_review' || !n.jointReviewDue || Date.parse(n.jointReviewDue.endsAt) > c.now.getTime()) return [];
  const pending = Object.entries(n.jointReview).filter(([, a]) => a === null || a === 'needs_info').map(([d]) => d);
  return pending.length ? [{ type: 'JointReviewChased', data: { nomineeId, departments: pending, at: at(c) } }] : [];
}

/**
 * Public notice (公示) of the inspection subjects, as long as the longest period their posts need
 * (e.g. 5 working days for a secretary, 3 for members). The slate must not be blocked.
 */
export function startNotice(s: VillageElectionState, noticeId: string, periodFor: (n: NomineeRef) => Period, c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['nominating'], '发布公示');
  if (s.slateStale) throw conflict('slate_not_reviewed', '提名或初审结果有变动，须重新审查班子结构后才能公示', 'slate review stale');
  if (!verdictsAllow(s.slateVerdicts)) {
    const why = s.slateVerdicts.filter((v) => v.kind === 'block' || v.kind === 'needs_approval').map((v) => v.message);
    throw conflict('slate_blocked', `班子结构审查未通过，不能公示：${why.join('；')}`, 'slate review blocks');
  }
  const subjects = [...s.nominees.values()].filter((n) => n.status === 'inspection_subject');
  if (subjects.length === 0) throw conflict('no_subjects', '还没有通过联审的考察对象，不能公示', 'no inspection subjects');
  // As long as the longest period any subject's post needs (units may differ between packs).
  const d = subjects.map((n) => dueDate(c.now, periodFor(n), c.calendar)).reduce((a, b) => (b.endsAt > a.endsAt ? b : a));
  return [
    {
      type: 'NoticeStarted',
      data: { noticeId, nomineeIds: subjects.map((n) => n.nomineeId), startsOn: shanghaiDateOf(c.now), endsOn: d.due, endsAt: d.endsAt.toISOString(), at: at(c) },
    },
  ];
}

/**
 * An objection (异议) from the tip-line about a nominee under notice blocks confirmation from its
 * receipt until the office declines it (dropObjection) or, once accepted, concludes it.
 */
export function raiseObjection(s: VillageElectionState, noticeId: string, tipId: string, nomineeId: string | null, c: ElectionContext): VillageElectionEvent[] {
  if (!s.notice || s.notice.noticeId !== noticeId || s.openObjections.has(tipId)) return [];
  return [{ type: 'ObjectionRaised', data: { noticeId, nomineeId, tipId, at: at(c) } }];
}

export function concludeObjection(s: VillageElectionState, tipId: string, finding: string, c: ElectionContext): VillageElectionEvent[] {
  if (!s.openObjections.has(tipId)) return [];
  const nomineeId = s.openObjections.get(tipId) ?? null;
  const events: VillageElectionEvent[] = [{ type: 'ObjectionConcluded', data: { tipId, finding, at: at(c) } }];
  const substantiated = finding === 'substantiated' || finding === 'partly_substantiated';
  if (substantiated && nomineeId && s.nominees.get(nomineeId)?.status !== 'disqualified') {
    events.push({ type: 'NomineeDisqualified', data: { nomineeId, reason: '公示期间被举报问题经核实属实', evidence: { tipId }, at: at(c) } });
  }
  return events;
}

/**
 * The discipline office decided not to accept the objection, or transferred it away: it no longer
 * blocks confirmation, and (not being a finding) disqualifies nobody.
 */
export function dropObjection(s: VillageElectionState, tipId: string, decision: 'not_accepted' | 'transferred', c: ElectionContext): VillageElectionEvent[] {
  if (!s.openObjections.has(tipId)) return [];
  return [{ type: 'ObjectionConcluded', data: { tipId, finding: decision, at: at(c) } }];
}

export function endNotice(s: VillageElectionState, c: ElectionContext): VillageElectionEvent[] {
  if (!s.notice || s.notice.ended || Date.parse(s.notice.endsAt) > c.now.getTime()) return [];
  return [{ type: 'NoticeEnded', data: { noticeId: s.notice.noticeId, at: at(c) } }];
}

/**
 * Formal candidates (正式候选人) once the notice has ended with no objection open; `finalSlate` is the
 * slate rules at the final stage (差额: seats + 1) on the nominees still on notice, and must allow it.
 */
export function confirmCandidates(s: VillageElectionState, finalSlate: ReviewVerdict[], c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['notice'], '确认正式候选人');
  if (!s.notice?.ended) throw conflict('notice_running', `公示期至 ${s.notice?.endsOn} 结束，期满后才能确认`, 'notice not ended');
  if (s.openObjections.size > 0) throw conflict('objections_open', `公示期间收到的 ${s.openObjections.size} 件异议尚未办结，不能确认`, 'open objections');
  const ids = [...s.nominees.values()].filter((n) => n.status === 'on_notice').map((n) => n.nomineeId);
  if (ids.length === 0) throw conflict('no_candidates', '公示对象均已取消资格，没有可确认的候选人', 'nobody on notice');
  if (!verdictsAllow(finalSlate)) {
    const why = finalSlate.filter((v) => v.kind === 'block' || v.kind === 'needs_approval').map((v) => v.message);
    throw conflict('slate_blocked', `正式候选人班子结构不符合要求：${why.join('；')}`, 'final slate blocks');
  }
  return [
    { type: 'SlateReviewRecorded', data: { verdicts: finalSlate, stage: 'final', at: at(c) } },
    { type: 'CandidatesConfirmed', data: { nomineeIds: ids, at: at(c) } },
  ];
}

export function changeGate(s: VillageElectionState, open: boolean, reasons: string[], c: ElectionContext): VillageElectionEvent[] {
  if (s.gate.open === open && s.gate.reasons.join() === reasons.join()) return [];
  return [{ type: 'GateChanged', data: { open, reasons, at: at(c) } }];
}

/** The result (当选); the hand-over is due within the pack's period from today. */
export function recordResult(s: VillageElectionState, electedIds: string[], handOverWithin: Period, c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['confirmed'], '录入选举结果');
  if (!s.gate.open) throw conflict('gate_closed', `本村暂不能进入投票：${s.gate.reasons.join('；')}`, 'gate closed');
  const elected = electedIds.map((id) => {
    const n = nominee(s, id);
    if (n.status !== 'confirmed') throw new DomainValidationError('election.not_candidate', `${n.name}不是正式候选人`, `nominee ${id} is ${n.status}`);
    return { nomineeId: id, post: n.post, body: n.body };
  });
  const d = dueDate(c.now, handOverWithin, c.calendar);
  return [{ type: 'ResultRecorded', data: { elected, handOver: { dueOn: d.due, endsAt: d.endsAt.toISOString() }, at: at(c) } }];
}

/** 任职备案 is filed after its own notice (e.g. 5 working days) of the elected. */
export function startFilingNotice(s: VillageElectionState, period: Period, c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['result'], '发布任职备案公示');
  const d = dueDate(c.now, period, c.calendar);
  return [{ type: 'FilingNoticeStarted', data: { startsOn: shanghaiDateOf(c.now), endsOn: d.due, endsAt: d.endsAt.toISOString(), at: at(c) } }];
}

export function fileAppointment(s: VillageElectionState, c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['filing'], '办理任职备案');
  if (s.filingNotice && Date.parse(s.filingNotice.endsAt) > c.now.getTime()) {
    throw conflict('filing_notice_running', `任职备案公示至 ${s.filingNotice.endsOn} 结束，期满后才能备案`, 'filing notice running');
  }
  return [{ type: 'AppointmentFiled', data: { at: at(c) } }];
}

/** The elected, by body and post: the new term the roster moves to at hand-over. */
export function electedMembers(s: VillageElectionState): { personId: string; body: Body; post: string }[] {
  return [...s.nominees.values()].filter((n) => n.status === 'elected').map((n) => ({ personId: n.personId, body: n.body, post: n.post }));
}

export function handOver(s: VillageElectionState, c: ElectionContext): VillageElectionEvent[] {
  requireStage(s, ['filed'], '办理交接');
  return [{ type: 'HandedOver', data: { at: at(c) } }];
}
