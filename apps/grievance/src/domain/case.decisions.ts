import { compareLocalDates, daysBetween, DomainConflictError, type LocalDate, type WorkingCalendar } from '@lw/domain';
import { fixedDeadline, shanghaiToday, workingDayDeadline, type CaseDeadline } from './case-deadline';
import { invalidCase, wrongStatus } from './case-errors';
import type { CaseSource } from './case-source';
import type { CaseStatus, Severity } from './case-status';
import type { CaseEvent, Milestone, PersonRef } from './case.events';
import type { CaseState } from './case.state';
import { escalationFor, type GrievancePolicy } from './grievance-policy';

export interface CaseContext {
  now: Date;
  calendar: WorkingCalendar;
  policy: GrievancePolicy;
}

const MAX_TEXT = 5000;
const MAX_REASON = 1000;
const MAX_LIMIT_WORKING_DAYS = 250;

function text(value: string | null | undefined, field: string, fieldZh: string, max: number, required = true): string {
  const t = (value ?? '').trim();
  if (required && !t) throw invalidCase(`${field}_missing`, `请填写${fieldZh}`, `${field} is empty`);
  if ([...t].length > max) throw invalidCase(`${field}_too_long`, `${fieldZh}不能超过 ${max} 字`, `${field} longer than ${max}`);
  return t;
}

function requireStatus(state: CaseState, allowed: readonly CaseStatus[], action: string, actionZh: string): void {
  if (!allowed.includes(state.status)) throw wrongStatus(action, actionZh, state.status);
}

function limitDays(days: number | undefined, severity: Severity, policy: GrievancePolicy): number {
  const n = days ?? policy.defaultLimitWorkingDays[severity];
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT_WORKING_DAYS) {
    throw invalidCase('limit_invalid', `整改时限应为 1 至 ${MAX_LIMIT_WORKING_DAYS} 个工作日`, `limit ${n} working days out of range`);
  }
  return n;
}

/** A limit from `startOn`: a fixed last day, or N working days (the policy's default for the severity). */
function newDeadline(startOn: LocalDate, limit: { workingDays?: number; due?: LocalDate }, severity: Severity, ctx: CaseContext): CaseDeadline {
  const lead = ctx.policy.yellowLeadWorkingDays;
  if (limit.due) {
    if (compareLocalDates(limit.due, startOn) <= 0) throw invalidCase('due_not_after_start', '整改时限须晚于交办日期', `due ${limit.due} not after ${startOn}`);
    return fixedDeadline(startOn, limit.due, lead, ctx.calendar);
  }
  return workingDayDeadline(startOn, limitDays(limit.workingDays, severity, ctx.policy), lead, ctx.calendar);
}

export interface OpenCaseInput {
  caseId: string;
  villageCode: string;
  townshipCode: string | null;
  source: CaseSource;
  category: string;
  severity: Severity;
  description: string;
  measures?: string;
  responsibleUnit: string;
  responsiblePerson: PersonRef | null;
  directlyResponsible?: PersonRef[];
  /** 交办日期: the day the limit counts from (not counted); today when absent. */
  startOn?: LocalDate;
  workingDays?: number;
  due?: LocalDate;
  /**
   * The last day another service already agreed with the village (a campaign's 整改承诺书): taken
   * as given, even a day already reached (the light then shows it), since refusing it would refuse
   * the source's event for good.
   */
  committedDue?: LocalDate;
  milestones?: { title: string; dueOn: string | null }[];
}

/** 交办: a new case with its limit in working days and its yellow day. */
export function openCase(input: OpenCaseInput, ctx: CaseContext): CaseEvent[] {
  const today = shanghaiToday(ctx.now);
  const startOn = input.startOn ?? today;
  if (compareLocalDates(startOn, today) > 0) throw invalidCase('start_in_future', '交办日期不能晚于今天', `startOn ${startOn} after ${today}`);
  const back = daysBetween(startOn, today);
  if (back > ctx.policy.maxBackdateDays) throw invalidCase('start_too_early', `交办日期不能早于 ${ctx.policy.maxBackdateDays} 天前`, `startOn ${startOn} too far back`);
  const milestones: Milestone[] = (input.milestones ?? []).map((m, i) => ({
    milestoneId: `m${i + 1}`,
    title: text(m.title, 'milestone', '节点名称', 200),
    dueOn: m.dueOn,
  }));
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: input.caseId,
        villageCode: input.villageCode,
        townshipCode: input.townshipCode,
        source: input.source,
        category: text(input.category, 'category', '问题类别', 100),
        severity: input.severity,
        description: text(input.description, 'description', '问题描述', MAX_TEXT),
        measures: text(input.measures, 'measures', '整改措施', MAX_TEXT, false),
        responsibleUnit: text(input.responsibleUnit, 'responsible_unit', '责任单位', 100),
        responsiblePerson: input.responsiblePerson,
        directlyResponsible: input.directlyResponsible ?? [],
        deadline: input.committedDue
          ? fixedDeadline(startOn, input.committedDue, ctx.policy.yellowLeadWorkingDays, ctx.calendar)
          : newDeadline(startOn, { workingDays: input.workingDays, due: input.due }, input.severity, ctx),
        milestones,
        at: ctx.now.toISOString(),
      },
    },
  ];
}

/** The source corrected its problem: the same case takes the new content (nothing when unchanged). */
export function amendFromSource(
  state: CaseState,
  content: { category: string; severity: Severity; description: string; directlyResponsible: PersonRef[] },
  reason: string,
  ctx: CaseContext,
): CaseEvent[] {
  const same =
    state.category === content.category &&
    state.severity === content.severity &&
    state.description === content.description &&
    JSON.stringify(state.directlyResponsible) === JSON.stringify(content.directlyResponsible);
  if (same) return [];
  return [{ type: 'CaseAmended', data: { at: ctx.now.toISOString(), reason: text(reason, 'reason', '更正理由', MAX_REASON), ...content } }];
}

export function changeResponsible(state: CaseState, unit: string, person: PersonRef | null, reason: string, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['assigned', 'in_progress', 'returned', 'closing_applied'], 'change the responsible person', '调整责任人');
  return [
    {
      type: 'ResponsibleChanged',
      data: { at: ctx.now.toISOString(), responsibleUnit: text(unit, 'responsible_unit', '责任单位', 100), responsiblePerson: person, reason: text(reason, 'reason', '调整理由', MAX_REASON) },
    },
  ];
}

/** 整改进展: a progress note with attachment references; the first one moves the case to 整改中. */
export function noteProgress(state: CaseState, noteId: string, note: string, attachments: string[], ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['assigned', 'in_progress', 'returned', 'closing_applied'], 'note progress', '填报整改进展');
  return [{ type: 'ProgressNoted', data: { at: ctx.now.toISOString(), noteId, text: text(note, 'note', '整改进展', MAX_TEXT), attachments } }];
}

export function completeMilestone(state: CaseState, milestoneId: string, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['assigned', 'in_progress', 'returned'], 'complete a milestone', '完成整改节点');
  const m = state.milestones.find((x) => x.milestoneId === milestoneId);
  if (!m) throw invalidCase('milestone_unknown', '整改节点不存在', `no milestone ${milestoneId}`);
  if (m.doneAt) return [];
  return [{ type: 'MilestoneCompleted', data: { at: ctx.now.toISOString(), milestoneId } }];
}

/** 申请销号, with the evidence of rectification. */
export function applyForClosing(state: CaseState, evidence: string, attachments: string[], applicantId: string | null, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['assigned', 'in_progress', 'returned'], 'apply for closing', '申请销号');
  return [{ type: 'ClosingApplied', data: { at: ctx.now.toISOString(), evidence: text(evidence, 'evidence', '整改佐证材料说明', MAX_TEXT), attachments, applicantId } }];
}

function requireOtherReviewer(state: CaseState, reviewerId: string | null, ctx: CaseContext): void {
  if (ctx.policy.forbidSelfReview && reviewerId && state.application?.applicantId === reviewerId) {
    throw new DomainConflictError('case.self_review', '申请销号人不能审核本人的申请，请由上级审核', `reviewer ${reviewerId} applied for closing`);
  }
}

/** The superior approves: 已销号. Two reviewers at once: the second finds it closed (409). */
export function closeCase(state: CaseState, summary: string, reviewerId: string | null, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['closing_applied'], 'close', '审核销号');
  requireOtherReviewer(state, reviewerId, ctx);
  const onTime = Date.parse(state.application!.at) < Date.parse(state.deadline.endsAt);
  return [{ type: 'CaseClosed', data: { at: ctx.now.toISOString(), summary: text(summary, 'summary', '销号意见', MAX_TEXT), onTime } }];
}

/** The superior sends it back with reasons: 退回整改. */
export function returnCase(state: CaseState, reasons: string, reviewerId: string | null, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['closing_applied'], 'return', '退回');
  requireOtherReviewer(state, reviewerId, ctx);
  return [{ type: 'CaseReturned', data: { at: ctx.now.toISOString(), reasons: text(reasons, 'reasons', '退回理由', MAX_TEXT) } }];
}

/** The problem came back (反弹回潮): the closed case reopens with a new limit from today. */
export function reopenCase(state: CaseState, reason: string, limit: { workingDays?: number; due?: LocalDate }, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['closed'], 'reopen', '重新整改');
  const deadline = newDeadline(shanghaiToday(ctx.now), limit, state.severity, ctx);
  return [{ type: 'CaseReopened', data: { at: ctx.now.toISOString(), reason: text(reason, 'reason', '重新整改的理由', MAX_REASON), deadline } }];
}

/** 调整整改时限: only forward from today, with a reason (the controller checks the user may). */
export function changeDeadline(state: CaseState, reason: string, limit: { workingDays?: number; due?: LocalDate }, ctx: CaseContext): CaseEvent[] {
  requireStatus(state, ['assigned', 'in_progress', 'returned', 'closing_applied'], 'change the deadline', '调整整改时限');
  const why = text(reason, 'reason', '调整时限的理由', MAX_REASON);
  const today = shanghaiToday(ctx.now);
  if (limit.due && compareLocalDates(limit.due, today) < 0) throw invalidCase('due_in_past', '新的整改时限不能早于今天', `due ${limit.due} before ${today}`);
  if (!limit.due && limit.workingDays === undefined) throw invalidCase('limit_missing', '请填写新的整改时限', 'neither due nor workingDays');
  const deadline = limit.due ? fixedDeadline(state.deadline.startOn as LocalDate, limit.due, ctx.policy.yellowLeadWorkingDays, ctx.calendar) : newDeadline(today, limit, state.severity, ctx);
  if (deadline.due === state.deadline.due) throw invalidCase('due_unchanged', '新的整改时限与原时限相同', `due unchanged ${deadline.due}`);
  return [{ type: 'DeadlineChanged', data: { at: ctx.now.toISOString(), reason: why, deadline, previousDue: state.deadline.due } }];
}

/** From the yellow job: only for the limit it was set for, once, and not before its time. */
export function flagYellow(state: CaseState, endsAt: string, ctx: CaseContext): CaseEvent[] {
  if (state.status === 'closed' || state.deadline.endsAt !== endsAt || state.yellowFlaggedFor === endsAt) return [];
  // Not before its day, and not once the limit has passed (red says more).
  if (ctx.now.getTime() < Date.parse(state.deadline.yellowAt) || ctx.now.getTime() >= Date.parse(endsAt)) return [];
  return [{ type: 'CaseTurnedYellow', data: { at: ctx.now.toISOString(), endsAt } }];
}

/** From the red job: overdue once per limit; the second red of a case on records an escalation (约谈 / 诫勉). */
export function flagRed(state: CaseState, endsAt: string, ctx: CaseContext): CaseEvent[] {
  if (state.status === 'closed' || state.deadline.endsAt !== endsAt || state.redFlaggedFor === endsAt) return [];
  if (ctx.now.getTime() < Date.parse(endsAt)) return [];
  const redCount = state.redCount + 1;
  const at = ctx.now.toISOString();
  const events: CaseEvent[] = [{ type: 'CaseOverdue', data: { at, endsAt, redCount } }];
  const measure = escalationFor(redCount, ctx.policy);
  if (measure) events.push({ type: 'CaseEscalated', data: { at, measure, redCount } });
  return events;
}
