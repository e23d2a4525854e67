import { DomainConflictError, type WorkingCalendar } from '@lw/domain';
import { startDeadline, type DeadlineKind } from './deadline';
import { FINDINGS, isSubstantiated, type Finding } from './finding';
import { invalidTip, wrongStatus } from './tip-errors';
import type { TipEvent, TipEventOf } from './tip.events';
import type { TipPolicy } from './tip-policy';
import { currentDeadline, type TipState } from './tip.state';
import type { TipStatus } from './tip-status';

export interface HandleContext {
  policy: TipPolicy;
  calendar: WorkingCalendar;
  now: Date;
}

const MAX_REASON = 1000;
const MAX_NOTE = 5000;

function requireStatus(state: TipState, allowed: readonly TipStatus[], action: string, actionZh: string): void {
  if (!allowed.includes(state.status)) throw wrongStatus(action, actionZh, state.status);
}

function requireText(value: string, field: string, fieldZh: string, max: number): string {
  const t = (value ?? '').trim();
  if (!t) throw invalidTip(`${field}_missing`, `请填写${fieldZh}`, `${field} is empty`);
  if ([...t].length > max) throw invalidTip(`${field}_too_long`, `${fieldZh}不能超过 ${max} 字`, `${field} longer than ${max}`);
  return t;
}

/**
 * A repeat has a public lifecycle of its own (its reporter sees only it): it is accepted (并入办理:
 * handled with the earlier tip), not accepted or transferred, and answered in the staff's own words,
 * but the checking and the finding belong to the earlier tip, never mirrored onto the repeat.
 */
function requireNotRepeat(state: TipState, action: string, actionZh: string): void {
  if (state.received.repeatOf) {
    throw invalidTip(
      'is_repeat',
      `该举报为重复举报，受理后并入首次举报办理，不能单独${actionZh}；请在首次举报中核实办理，并向本举报人反馈结果后结案`,
      `cannot ${action} a repeat (of ${state.received.repeatOf})`,
    );
  }
}

/** Election-period acknowledgement (第一时间确认收悉). */
export function acknowledge(state: TipState, ctx: HandleContext): TipEvent[] {
  if (state.acknowledged) return [];
  requireStatus(state, ['received'], 'acknowledge', '确认收悉');
  return [{ type: 'TipAcknowledged', data: { at: ctx.now.toISOString() } }];
}

/** On a repeat, acceptance means 并入办理; its conclusion limit is met by the feedback to its reporter. */
export function accept(state: TipState, ctx: HandleContext): TipEvent[] {
  requireStatus(state, ['received'], 'accept', '受理');
  const regime = ctx.policy.regimes[state.received.regime];
  return [{ type: 'TipAccepted', data: { at: ctx.now.toISOString(), deadlines: [startDeadline('conclusion', ctx.now, regime.conclusion, ctx.calendar)] } }];
}

export function notAccept(state: TipState, reason: string, ctx: HandleContext): TipEvent[] {
  requireStatus(state, ['received'], 'not accept', '作出不予受理决定');
  return [{ type: 'TipNotAccepted', data: { at: ctx.now.toISOString(), reason: requireText(reason, 'reason', '不予受理的理由', MAX_REASON) } }];
}

export function transfer(state: TipState, to: string, reason: string, ctx: HandleContext): TipEvent[] {
  requireStatus(state, ['received'], 'transfer', '转办');
  return [
    {
      type: 'TipTransferred',
      data: { at: ctx.now.toISOString(), to: requireText(to, 'transfer_to', '转办单位', 100), reason: requireText(reason, 'reason', '转办理由', MAX_REASON) },
    },
  ];
}

export function assign(state: TipState, unit: { code: string; name: string; level: 'county' | 'township' }, ctx: HandleContext): TipEvent[] {
  requireNotRepeat(state, 'assign', '交办');
  requireStatus(state, ['accepted', 'assigned'], 'assign', '交办');
  if (state.unit?.code === unit.code) return [];
  return [{ type: 'TipAssigned', data: { at: ctx.now.toISOString(), unitCode: unit.code, unitName: unit.name, unitLevel: unit.level } }];
}

export function addNote(state: TipState, noteId: string, text: string, ctx: HandleContext): TipEvent[] {
  requireNotRepeat(state, 'add a check note', '添加核实记录');
  requireStatus(state, ['assigned', 'checking'], 'add a check note', '添加核实记录');
  return [{ type: 'CheckNoteAdded', data: { at: ctx.now.toISOString(), noteId, text: requireText(text, 'note', '核实记录', MAX_NOTE) } }];
}

export function addTask(state: TipState, taskId: string, title: string, dueOn: string | null, ctx: HandleContext): TipEvent[] {
  requireNotRepeat(state, 'add a check task', '添加核实任务');
  requireStatus(state, ['assigned', 'checking'], 'add a check task', '添加核实任务');
  return [{ type: 'CheckTaskAdded', data: { at: ctx.now.toISOString(), taskId, title: requireText(title, 'task', '任务内容', 200), dueOn } }];
}

export function completeTask(state: TipState, taskId: string, ctx: HandleContext): TipEvent[] {
  if (!state.allTasks.has(taskId)) throw invalidTip('unknown_task', '核实任务不存在', `no task ${taskId}`);
  if (!state.openTasks.has(taskId)) return [];
  return [{ type: 'CheckTaskCompleted', data: { at: ctx.now.toISOString(), taskId } }];
}

/** The conclusion limit may be extended once, with a reason (信访工作条例 art. 35: at most 30 days). */
export function extend(state: TipState, reason: string, ctx: HandleContext): TipEvent[] {
  requireStatus(state, ['accepted', 'assigned', 'checking'], 'extend', '延期');
  if (state.extended) throw new DomainConflictError('tip.already_extended', '办理期限只能延长一次，已延长过', 'the conclusion limit was already extended');
  const current = currentDeadline(state, 'conclusion');
  if (!current) throw invalidTip('no_conclusion_limit', '该举报没有办结期限，无需延期', 'no conclusion deadline to extend');
  const period = ctx.policy.regimes[state.received.regime].extension;
  // The extension runs on from the end of the current limit, not from today.
  const deadline = startDeadline('conclusion', new Date(Date.parse(current.endsAt) - 1), period, ctx.calendar);
  return [{ type: 'DeadlineExtended', data: { at: ctx.now.toISOString(), reason: requireText(reason, 'reason', '延期理由', MAX_REASON), deadline } }];
}

export function conclude(
  state: TipState,
  input: { finding: Finding; falseAccusation: boolean; summary: string; needsRectification?: boolean },
  ctx: HandleContext,
): TipEvent[] {
  requireNotRepeat(state, 'conclude', '办结');
  requireStatus(state, ['assigned', 'checking'], 'conclude', '办结');
  if (!FINDINGS.includes(input.finding)) throw invalidTip('finding', '核实结论应为属实、部分属实、不属实或无法查实', `bad finding ${String(input.finding)}`);
  if (input.falseAccusation && input.finding !== 'unsubstantiated') {
    throw invalidTip('false_accusation', '只有核实结论为“不属实”时才能认定为诬告', 'false accusation needs finding unsubstantiated');
  }
  if (state.openTasks.size > 0) {
    throw invalidTip('open_tasks', `还有 ${state.openTasks.size} 项核实任务未完成，请先完成或说明`, 'open check tasks remain');
  }
  const regime = ctx.policy.regimes[state.received.regime];
  const data: TipEventOf<'TipConcluded'>['data'] = {
    at: ctx.now.toISOString(),
    finding: input.finding,
    falseAccusation: input.falseAccusation,
    summary: requireText(input.summary, 'summary', '办理结果', MAX_NOTE),
    needsRectification: input.needsRectification ?? isSubstantiated(input.finding),
    // An anonymous reporter has no right to be told, but can still look: the feedback limit applies to real names.
    deadlines: state.received.anonymous ? [] : [startDeadline('feedback', ctx.now, regime.feedback, ctx.calendar)],
  };
  return [{ type: 'TipConcluded', data }];
}

/** A message the reporter reads with the receipt code: a question, or the feedback on the result. */
export function messageReporter(state: TipState, messageId: string, kind: 'question' | 'feedback', text: string, ctx: HandleContext): TipEvent[] {
  if (!hasChannel(state)) {
    throw invalidTip('no_channel', '该匿名举报没有查询码，无法向举报人留言', 'anonymous tip without receipt code');
  }
  if (state.status === 'closed') throw wrongStatus('message the reporter', '向举报人留言', state.status);
  // A repeat accepted (并入办理) is answered by the staff's own feedback: it has no finding of its own.
  const feedbackFrom: TipStatus[] = ['concluded', 'feedback_given', 'not_accepted', 'transferred', ...(state.received.repeatOf ? (['accepted'] as const) : [])];
  if (kind === 'feedback') requireStatus(state, feedbackFrom, 'give feedback', '反馈结果');
  return [{ type: 'MessageToReporter', data: { at: ctx.now.toISOString(), messageId, kind, text: requireText(text, 'message', '留言内容', MAX_NOTE) } }];
}

export function reporterReply(state: TipState, messageId: string, inReplyTo: string | null, text: string, ctx: HandleContext): TipEvent[] {
  if (state.status === 'closed') throw wrongStatus('reply', '补充材料或回复', state.status);
  return [{ type: 'ReporterReplied', data: { at: ctx.now.toISOString(), messageId, inReplyTo, text: requireText(text, 'reply', '回复内容', MAX_NOTE) } }];
}

function closableFrom(state: TipState): TipStatus[] {
  const decided: TipStatus[] = ['feedback_given', 'not_accepted', 'transferred'];
  // A repeat accepted is closed once its reporter has had the staff's feedback (unless no one can be told).
  if (state.received.repeatOf) return hasChannel(state) ? decided : ['accepted', ...decided];
  return state.received.anonymous ? ['concluded', ...decided] : decided;
}

function hasChannel(state: TipState): boolean {
  return !!state.received.receiptLocator || !state.received.anonymous;
}

/**
 * Closing needs the handling finished: concluded and (for a real-name reporter) told, or not accepted
 * or transferred; a repeat accepted, once its reporter has the staff's feedback. A substantiated tip whose rectification is still open in grievance stays open.
 */
export function close(state: TipState, ctx: HandleContext): TipEvent[] {
  const allowed: TipStatus[] = closableFrom(state);
  requireStatus(state, allowed, 'close', state.received.repeatOf ? '结案（重复举报须先向举报人反馈结果）' : '结案（实名举报须先反馈结果）');
  const feedbackDue = currentDeadline(state, 'feedback');
  if (feedbackDue && !feedbackDue.metAt) {
    throw new DomainConflictError('tip.feedback_pending', '还有未反馈给举报人的结果（如整改销号情况），请先反馈再结案', 'a feedback is still due');
  }
  return [{ type: 'TipClosed', data: { at: ctx.now.toISOString() } }];
}

/**
 * The grievance case opened for this tip's problem was closed (销号): the reporter is told that too,
 * so a new feedback limit starts (事事有反馈), unless the tip is anonymous or already closed.
 */
export function recordRectificationClosed(state: TipState, caseId: string, ctx: HandleContext): TipEvent[] {
  if (state.rectificationClosedBy === caseId) return [];
  const tell = !state.received.anonymous && state.status !== 'closed';
  const feedback = ctx.policy.regimes[state.received.regime].feedback;
  const deadlines = tell ? [startDeadline('feedback', ctx.now, feedback, ctx.calendar)] : [];
  return [{ type: 'RectificationClosed', data: { at: ctx.now.toISOString(), caseId, deadlines } }];
}

export function recordIdentityRead(state: TipState, reason: string, ctx: HandleContext, approval?: { requestId: string; approvedBy: string }): TipEvent[] {
  if (!state.received.sealedReporter) throw invalidTip('anonymous', '该举报为匿名举报，没有举报人信息', 'no reporter identity on this tip');
  if (state.identityErased) throw new DomainConflictError('tip.identity_erased', '举报人信息已依规销毁，无法查看', 'reporter identity was erased');
  const data = { at: ctx.now.toISOString(), reason: requireText(reason, 'reason', '查看举报人信息的事由', MAX_REASON), ...(approval ?? {}) };
  return [{ type: 'ReporterIdentityRead', data }];
}

export function eraseIdentity(state: TipState, reason: string, ctx: HandleContext): TipEvent[] {
  if (state.identityErased) return [];
  return [{ type: 'ReporterIdentityErased', data: { at: ctx.now.toISOString(), reason: requireText(reason, 'reason', '销毁事由', MAX_REASON) } }];
}

/** A reminder or overdue flag from a job: only while the limit is still open and not yet flagged. */
export function flagDeadline(
  state: TipState,
  kind: 'DeadlineReminded' | 'DeadlineOverdue',
  deadlineKind: DeadlineKind,
  ctx: HandleContext,
): TipEvent[] {
  const d = currentDeadline(state, deadlineKind);
  if (!d || d.metAt || state.status === 'closed') return [];
  if (kind === 'DeadlineReminded' && (d.reminded || d.overdue)) return [];
  if (kind === 'DeadlineOverdue' && (d.overdue || Date.parse(d.endsAt) > ctx.now.getTime())) return [];
  return [{ type: kind, data: { at: ctx.now.toISOString(), kind: deadlineKind, endsAt: d.endsAt } }];
}
