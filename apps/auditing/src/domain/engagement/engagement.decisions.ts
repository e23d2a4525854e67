import { compareLocalDates, DomainConflictError, DomainValidationError, dueDate, parseLocalDate, shanghaiDateOf, type ElectionOpenedV1, type LocalDate, type WorkingCalendar } from '@lw/domain';
import type { AuditPolicy } from './audit-policy';
import { findingIdFor, outgoingEngagementId, transferIdFor } from './engagement-ids';
import type { EngagementEvent, EngagementScope } from './engagement.events';
import type { EngagementState, EngagementStatus } from './engagement.state';
import type { FindingContent } from './finding';
import { validFindingContent } from './finding-content';

export interface AuditContext {
  now: Date;
  calendar: WorkingCalendar;
  policy: AuditPolicy;
}

const at = (c: AuditContext) => c.now.toISOString();

function conflict(code: string, zh: string, en: string): DomainConflictError {
  return new DomainConflictError(`audit.${code}`, zh, en);
}

function requireStatus(s: EngagementState, allowed: EngagementStatus[], zh: string): void {
  if (!allowed.includes(s.status)) throw conflict('wrong_status', `该审计项目当前状态不能${zh}`, `status ${s.status}, needs ${allowed.join('|')}`);
}

export function planEngagement(scope: EngagementScope, c: AuditContext): EngagementEvent[] {
  if (compareLocalDates(scope.periodFrom, scope.periodTo) > 0) {
    throw new DomainValidationError('audit.period', '审计期间的起始日期不能晚于截止日期', `period ${scope.periodFrom}..${scope.periodTo}`);
  }
  if (scope.kind === 'outgoing' && !scope.electionId) throw new DomainValidationError('audit.outgoing_needs_election', '离任经济责任审计须对应一次换届', 'outgoing audit without election');
  return [{ type: 'EngagementPlanned', data: { ...scope, at: at(c) } }];
}

/**
 * The outgoing audit (离任经济责任审计) of one village of an opened election: its outgoing heads, over
 * the time they held office (from the earliest start vetting knows, else the policy's term back)
 * up to the day the election opened.
 */
export function outgoingAuditScope(
  election: Pick<ElectionOpenedV1, 'electionId' | 'openedAt'>,
  village: ElectionOpenedV1['villages'][number],
  policy: AuditPolicy,
): EngagementScope {
  const periodTo = shanghaiDateOf(new Date(election.openedAt));
  const starts = village.outgoingHeads.map((h) => h.since).filter((d): d is LocalDate => d !== null).sort();
  let periodFrom: LocalDate = starts.length ? starts[0] : parseLocalDate(`${Number(periodTo.slice(0, 4)) - policy.defaultTermYears}${periodTo.slice(4)}`);
  if (periodFrom > periodTo) periodFrom = periodTo;
  return {
    engagementId: outgoingEngagementId(election.electionId, village.villageCode),
    kind: 'outgoing',
    villageCode: village.villageCode,
    electionId: election.electionId,
    persons: village.outgoingHeads.map((h) => ({ personId: h.personId, name: h.name, post: h.post })),
    periodFrom,
    periodTo,
    auditors: [],
  };
}

/** 进场: the auditors named (at least one) start the fieldwork. */
export function startFieldwork(s: EngagementState, auditors: string[] | null, c: AuditContext): EngagementEvent[] {
  requireStatus(s, ['planned'], '进场审计');
  const team = (auditors ?? s.auditors).map((a) => a.trim()).filter(Boolean);
  if (team.length === 0) throw new DomainValidationError('audit.auditors_required', '请至少指定一名审计人员', 'no auditors');
  return [{ type: 'FieldworkStarted', data: { auditors: [...new Set(team)], at: at(c) } }];
}

export function submitDraft(s: EngagementState, c: AuditContext): EngagementEvent[] {
  requireStatus(s, ['fieldwork'], '形成审计报告初稿');
  return [{ type: 'DraftSubmitted', data: { at: at(c) } }];
}

export function conclude(s: EngagementState, summary: string | null, c: AuditContext): EngagementEvent[] {
  requireStatus(s, ['draft'], '作出审计结论');
  return [{ type: 'AuditConcluded', data: { summary: summary?.trim() || null, at: at(c) } }];
}

/** 公示: the results go to the village for the policy's notice period (working days on the official calendar). */
export function publish(s: EngagementState, c: AuditContext): EngagementEvent[] {
  requireStatus(s, ['concluded'], '公示审计结果');
  const d = dueDate(c.now, c.policy.publicationNotice, c.calendar);
  return [{ type: 'AuditPublished', data: { notice: c.policy.publicationNotice, noticeEndsOn: d.due, noticeEndsAt: d.endsAt.toISOString(), beyondHorizon: d.beyondHorizon, at: at(c) } }];
}

function transferIfSuspected(s: EngagementState, findingId: string, content: FindingContent, c: AuditContext): EngagementEvent[] {
  const already = s.findings.get(findingId)?.transferId;
  if (!content.violationSuspected || already) return [];
  return [{ type: 'ViolationTransferred', data: { findingId, transferId: transferIdFor(findingId), at: at(c) } }];
}

/** Findings are recorded during fieldwork and the draft, never after the conclusion. A suspected violation goes to the tip-line at once. */
export function recordFinding(s: EngagementState, input: FindingContent, by: string | null, c: AuditContext): EngagementEvent[] {
  if (s.status === 'concluded' || s.status === 'published') {
    throw conflict('concluded', '审计结论已作出，不能再登记问题；已公示的问题只能经授权更正', `finding after ${s.status}`);
  }
  requireStatus(s, ['fieldwork', 'draft'], '登记问题（请先进场）');
  const content = validFindingContent(input, c.policy);
  const findingId = findingIdFor(s.engagementId, s.findings.size + 1);
  return [{ type: 'FindingRecorded', data: { ...content, findingId, by, at: at(c) } }, ...transferIfSuspected(s, findingId, content, c)];
}

/**
 * A finding of a published audit changes only through an explicit amendment: with a reason, by a
 * named user; the earlier version stays in the history. Before publication there is nothing to amend.
 */
export function amendFinding(s: EngagementState, findingId: string, input: FindingContent, reason: string, by: string, c: AuditContext): EngagementEvent[] {
  const f = s.findings.get(findingId);
  if (!f) throw new DomainValidationError('audit.unknown_finding', '该问题不属于本审计项目', `no finding ${findingId}`);
  if (s.status !== 'published') throw conflict('not_published', '审计结果公示后才能对问题作更正；公示前请在结论作出之前登记', `amend on ${s.status}`);
  if (!reason.trim()) throw new DomainValidationError('audit.reason_required', '更正审计问题须写明理由', 'amendment without reason');
  if (!by.trim()) throw new DomainValidationError('audit.amended_by', '更正须由具名的授权人员作出', 'anonymous amendment');
  const content = validFindingContent(input, c.policy);
  return [
    { type: 'FindingAmended', data: { ...content, findingId, reason: reason.trim(), amendedBy: by, at: at(c) } },
    ...transferIfSuspected(s, findingId, content, c),
  ];
}

/** The finding's grievance case is closed (销号): rectified. Idempotent. */
export function markRectified(s: EngagementState, findingId: string, caseId: string | null, c: AuditContext): EngagementEvent[] {
  const f = s.findings.get(findingId);
  if (!f) throw new DomainValidationError('audit.unknown_finding', '该问题不属于本审计项目', `no finding ${findingId}`);
  if (f.rectified) return [];
  return [{ type: 'FindingRectified', data: { findingId, caseId, at: at(c) } }];
}
