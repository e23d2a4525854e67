import { DomainConflictError, DomainForbiddenError, DomainNotFoundError } from '@lw/domain';
import { invalidTip } from './tip-errors';
import type { RevealRules } from './tip-access-policy';
import type { RevealEvent } from './reporter-reveal.events';
import type { RevealRequest, RevealState } from './reporter-reveal.state';

export interface RevealContext {
  rules: RevealRules;
  now: Date;
}

/** What a reveal needs of the tip itself: a sealed identity that was not erased. */
export interface RevealableTip {
  tipId: string;
  hasIdentity: boolean;
  identityErased: boolean;
}

const MAX_REASON = 1000;

function requireRevealable(tip: RevealableTip): void {
  if (!tip.hasIdentity) throw invalidTip('anonymous', '该举报为匿名举报，没有举报人信息', 'no reporter identity on this tip');
  if (tip.identityErased) throw new DomainConflictError('tip.identity_erased', '举报人信息已依规销毁，无法查看', 'reporter identity was erased');
}

function find(state: RevealState, requestId: string): RevealRequest {
  const r = state.requests.find((x) => x.requestId === requestId);
  if (!r) throw new DomainNotFoundError('reveal.not_found', '查看申请不存在', `no reveal request ${requestId}`);
  return r;
}

/** Open: pending, or approved with reveals left inside its window. */
export function isOpenRequest(r: RevealRequest, rules: RevealRules, now: Date): boolean {
  if (r.status === 'pending') return true;
  return r.status === 'approved' && r.uses < rules.revealsPerApproval && !!r.validUntil && Date.parse(r.validUntil) >= now.getTime();
}

/** An official asks to see the reporter, with a reason long enough to be judged. One open request per official. */
export function requestReveal(state: RevealState, tip: RevealableTip, input: { requestId: string; by: string; reason: string }, ctx: RevealContext): RevealEvent[] {
  requireRevealable(tip);
  const reason = (input.reason ?? '').trim();
  const min = ctx.rules.minReasonLength;
  if ([...reason].length < min) throw invalidTip('reveal_reason_short', `查看事由过于简略，请具体说明（至少 ${min} 个字）`, `reason shorter than ${min}`);
  if ([...reason].length > MAX_REASON) throw invalidTip('reveal_reason_long', `查看事由不能超过 ${MAX_REASON} 字`, `reason longer than ${MAX_REASON}`);
  if (state.requests.some((r) => r.requestedBy === input.by && isOpenRequest(r, ctx.rules, ctx.now))) {
    throw new DomainConflictError('reveal.open_request', '您已有一项待审批或待使用的查看申请，无需重复申请', `user ${input.by} already has an open request`);
  }
  return [{ type: 'RevealRequested', data: { requestId: input.requestId, tipId: tip.tipId, at: ctx.now.toISOString(), requestedBy: input.by, reason } }];
}

function requireOtherDecider(r: RevealRequest, by: string, actionZh: string): void {
  if (r.requestedBy === by) {
    throw new DomainForbiddenError('reveal.self_decision', `不能${actionZh}本人提出的查看申请，须由另一名纪检监察人员审批`, `user ${by} decided own request ${r.requestId}`);
  }
}

function requirePending(r: RevealRequest): void {
  if (r.status !== 'pending') {
    throw new DomainConflictError('reveal.decided', r.status === 'approved' ? '该申请已获批准' : '该申请已被拒绝', `request ${r.requestId} is ${r.status}`);
  }
}

/** A second official approves: the requester may reveal within the policy's window. */
export function approveReveal(state: RevealState, tip: RevealableTip, requestId: string, by: string, ctx: RevealContext): RevealEvent[] {
  requireRevealable(tip);
  const r = find(state, requestId);
  requireOtherDecider(r, by, '审批');
  requirePending(r);
  const validUntil = new Date(ctx.now.getTime() + ctx.rules.approvalValidMinutes * 60_000).toISOString();
  return [{ type: 'RevealApproved', data: { requestId, at: ctx.now.toISOString(), approvedBy: by, validUntil } }];
}

export function refuseReveal(state: RevealState, requestId: string, by: string, reason: string | null, ctx: RevealContext): RevealEvent[] {
  const r = find(state, requestId);
  requireOtherDecider(r, by, '拒绝');
  requirePending(r);
  const why = reason?.trim() || null;
  if (why && [...why].length > MAX_REASON) throw invalidTip('refusal_reason_long', `拒绝理由不能超过 ${MAX_REASON} 字`, `refusal longer than ${MAX_REASON}`);
  return [{ type: 'RevealRefused', data: { requestId, at: ctx.now.toISOString(), refusedBy: by, reason: why } }];
}

/**
 * The requester reveals under an approval: the named request, or their latest approved one. Anyone
 * else, no approval, an expired or used-up approval: 403. Returns the event and the request it used
 * (its reason and approver go into the tip's audit event).
 */
export function useReveal(
  state: RevealState,
  tip: RevealableTip,
  requestId: string | null,
  by: string,
  ctx: RevealContext,
): { events: RevealEvent[]; request: RevealRequest } {
  requireRevealable(tip);
  const r = requestId ? find(state, requestId) : [...state.requests].reverse().find((x) => x.requestedBy === by && x.status === 'approved');
  if (!r) throw new DomainForbiddenError('reveal.not_approved', '查看举报人身份须先提出申请，并经另一名纪检监察人员审批', `no approved request of ${by}`);
  if (r.requestedBy !== by) throw new DomainForbiddenError('reveal.not_requester', '只有提出申请的人员才能凭审批查看', `request ${r.requestId} belongs to another user`);
  if (r.status !== 'approved') throw new DomainForbiddenError('reveal.not_approved', r.status === 'refused' ? '该查看申请已被拒绝' : '该查看申请尚未审批，须经另一名纪检监察人员审批后才能查看', `request ${r.requestId} is ${r.status}`);
  if (r.uses >= ctx.rules.revealsPerApproval) throw new DomainForbiddenError('reveal.used', '该审批已使用，如需再次查看请重新申请', `request ${r.requestId} used ${r.uses} times`);
  if (!r.validUntil || Date.parse(r.validUntil) < ctx.now.getTime()) throw new DomainForbiddenError('reveal.expired', '审批已过有效期，请重新申请', `request ${r.requestId} expired at ${r.validUntil}`);
  return { events: [{ type: 'RevealUsed', data: { requestId: r.requestId, at: ctx.now.toISOString() } }], request: r };
}
