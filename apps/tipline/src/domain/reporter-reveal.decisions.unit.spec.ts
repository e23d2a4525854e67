import { DomainConflictError, DomainForbiddenError, DomainNotFoundError, DomainValidationError } from '@lw/domain';
import { approveReveal, refuseReveal, requestReveal, useReveal, type RevealContext } from './reporter-reveal.decisions';
import type { RevealEvent } from './reporter-reveal.events';
import { EMPTY_REVEAL_STATE, evolveReveal, foldReveal, type RevealState } from './reporter-reveal.state';
import { DEFAULT_TIP_ACCESS_POLICY } from './tip-access-policy';

const rules = DEFAULT_TIP_ACCESS_POLICY.reveal;
const T0 = Date.parse('2026-09-22T01:00:00Z');
const at = (minutes: number): RevealContext => ({ rules, now: new Date(T0 + minutes * 60_000) });
const TIP = { tipId: 't-1', hasIdentity: true, identityErased: false };
const REASON = '核实需要联系举报人补充证据';

/** The Chinese message (the error's `message` is the English detail). */
const zh = (re: RegExp) => expect.objectContaining({ messageZh: expect.stringMatching(re) });

function apply(state: RevealState, events: RevealEvent[]): RevealState {
  return events.reduce(evolveReveal, state);
}

function requested(by = 'alice'): RevealState {
  return apply(EMPTY_REVEAL_STATE, requestReveal(EMPTY_REVEAL_STATE, TIP, { requestId: 'r-1', by, reason: REASON }, at(0)));
}

describe('reporter reveal: request, second-person approval, one use', () => {
  it('lets a second official approve, then the requester reveal once within the window', () => {
    const approved = apply(requested(), approveReveal(requested(), TIP, 'r-1', 'bob', at(1)));
    expect(approved.requests[0]).toMatchObject({ status: 'approved', decidedBy: 'bob', validUntil: new Date(T0 + 31 * 60_000).toISOString() });
    const used = useReveal(approved, TIP, null, 'alice', at(2));
    expect(used.request.reason).toBe(REASON);
    const after = apply(approved, used.events);
    expect(() => useReveal(after, TIP, 'r-1', 'alice', at(3))).toThrow(DomainForbiddenError); // used up
  });

  it('refuses a reveal without any approved request (403)', () => {
    expect(() => useReveal(EMPTY_REVEAL_STATE, TIP, null, 'alice', at(0))).toThrow(DomainForbiddenError);
    expect(() => useReveal(requested(), TIP, 'r-1', 'alice', at(0))).toThrow(zh(/尚未审批/));
  });

  it('refuses approval or refusal of one’s own request (403, in Chinese)', () => {
    expect(() => approveReveal(requested(), TIP, 'r-1', 'alice', at(1))).toThrow(DomainForbiddenError);
    expect(() => approveReveal(requested(), TIP, 'r-1', 'alice', at(1))).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('另一名纪检监察人员') }));
    expect(() => refuseReveal(requested(), 'r-1', 'alice', null, at(1))).toThrow(DomainForbiddenError);
  });

  it('lets only the requester use an approval, and not after the window', () => {
    const approved = apply(requested(), approveReveal(requested(), TIP, 'r-1', 'bob', at(1)));
    expect(() => useReveal(approved, TIP, 'r-1', 'bob', at(2))).toThrow(zh(/只有提出申请的人员/));
    expect(() => useReveal(approved, TIP, null, 'carol', at(2))).toThrow(DomainForbiddenError);
    expect(() => useReveal(approved, TIP, null, 'alice', at(32))).toThrow(zh(/有效期/));
  });

  it('answers a refused request with 403 and a decided one with 409', () => {
    const refused = apply(requested(), refuseReveal(requested(), 'r-1', 'bob', '理由不充分', at(1)));
    expect(() => useReveal(refused, TIP, null, 'alice', at(2))).toThrow(DomainForbiddenError);
    expect(() => useReveal(refused, TIP, 'r-1', 'alice', at(2))).toThrow(zh(/已被拒绝/));
    expect(() => approveReveal(refused, TIP, 'r-1', 'carol', at(2))).toThrow(DomainConflictError);
    expect(() => approveReveal(refused, TIP, 'r-404', 'carol', at(2))).toThrow(DomainNotFoundError);
  });

  it('wants a reason long enough to judge, one open request per official, and a revealable tip', () => {
    expect(() => requestReveal(EMPTY_REVEAL_STATE, TIP, { requestId: 'r', by: 'alice', reason: '  看看  ' }, at(0))).toThrow(DomainValidationError);
    expect(() => requestReveal(requested(), TIP, { requestId: 'r-2', by: 'alice', reason: REASON }, at(1))).toThrow(DomainConflictError);
    expect(requestReveal(requested(), TIP, { requestId: 'r-2', by: 'bob', reason: REASON }, at(1))).toHaveLength(1);
    expect(() => requestReveal(EMPTY_REVEAL_STATE, { ...TIP, hasIdentity: false }, { requestId: 'r', by: 'a', reason: REASON }, at(0))).toThrow(zh(/匿名/));
    expect(() => requestReveal(EMPTY_REVEAL_STATE, { ...TIP, identityErased: true }, { requestId: 'r', by: 'a', reason: REASON }, at(0))).toThrow(DomainConflictError);
  });

  it('folds the stream back to the same state', () => {
    const events: RevealEvent[] = [
      ...requestReveal(EMPTY_REVEAL_STATE, TIP, { requestId: 'r-1', by: 'alice', reason: REASON }, at(0)),
      { type: 'RevealApproved', data: { requestId: 'r-1', at: 'x', approvedBy: 'bob', validUntil: new Date(T0 + 60_000).toISOString() } },
      { type: 'RevealUsed', data: { requestId: 'r-1', at: 'y' } },
    ];
    expect(foldReveal(events).requests[0]).toMatchObject({ status: 'approved', uses: 1, decidedBy: 'bob' });
  });
});
