import { bundledChineseDaysData, DomainConflictError, DomainValidationError, WorkingCalendar, daysBetween, parseLocalDate } from '@lw/domain';
import {
  accept,
  acknowledge,
  addNote,
  addTask,
  assign,
  close,
  completeTask,
  conclude,
  eraseIdentity,
  extend,
  flagDeadline,
  messageReporter,
  notAccept,
  recordIdentityRead,
  recordRectificationClosed,
  reporterReply,
  transfer,
  type HandleContext,
} from './tip-handling.decisions';
import { receiveTip, type ReceiveTipInput } from './tip-receipt.decisions';
import { DEFAULT_TIP_POLICY } from './tip-policy';
import type { TipEvent } from './tip.events';
import { currentDeadline, evolveTip, initialTipState, type TipState } from './tip.state';

const calendar = new WorkingCalendar(bundledChineseDaysData());
const policy = DEFAULT_TIP_POLICY;
const UNIT = { code: '320723100', name: '伊山镇纪委', level: 'township' as const };
const COUNTY = { code: '320723', name: '灌云县纪委监委', level: 'county' as const };

/** A context at a Shanghai wall-clock time, e.g. '2026-09-22T09:00'. */
function at(shanghai: string): HandleContext {
  return { policy, calendar, now: new Date(`${shanghai}:00+08:00`) };
}

function receive(overrides: Partial<ReceiveTipInput> = {}, when = '2026-09-18T10:00'): TipState {
  const data = receiveTip(
    {
      tipId: 'tip-1',
      channel: 'web',
      category: 'corruption',
      subjects: [{ kind: 'person', name: '王某某', citizenId: null, post: '村委会委员', villageCode: '320723100201' }],
      text: '王某某私分集体土地补偿款。',
      evidence: [],
      anonymous: false,
      sealedReporter: { v: 1, iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' },
      receiptLocator: 'loc-1',
      repeatOf: null,
      objection: null,
      origin: null,
      ...overrides,
    },
    { policy, calendar, now: at(when).now, isKnownVillage: () => true },
  );
  return initialTipState(data);
}

function apply(state: TipState, events: readonly TipEvent[]): TipState {
  return events.reduce((s, e) => evolveTip(s, e), state);
}

/** Runs a command and folds what it decided. */
function run(state: TipState, command: (s: TipState) => TipEvent[]): TipState {
  return apply(state, command(state));
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

function expectConflict(fn: () => unknown, code = 'tip.wrong_status'): DomainConflictError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(DomainConflictError);
  expect((e as DomainConflictError).code).toBe(code);
  return e as DomainConflictError;
}

function expectInvalid(fn: () => unknown, code: string): DomainValidationError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(DomainValidationError);
  expect((e as DomainValidationError).code).toBe(code);
  return e as DomainValidationError;
}

type Conclusion = Parameters<typeof conclude>[1];
const SUBSTANTIATED: Conclusion = { finding: 'substantiated', falseAccusation: false, summary: '经核实，反映问题属实。' };
const UNSUBSTANTIATED: Conclusion = { finding: 'unsubstantiated', falseAccusation: false, summary: '经核实，反映问题不属实。' };

/** received 09-18 → accepted 09-22 → assigned 09-23 → checking (note) 09-25. */
function checking(overrides: Partial<ReceiveTipInput> = {}): TipState {
  let s = receive(overrides);
  s = run(s, (x) => accept(x, at('2026-09-22T09:00')));
  s = run(s, (x) => assign(x, UNIT, at('2026-09-23T09:00')));
  return run(s, (x) => addNote(x, 'note-1', '已约谈村会计，调取账目。', at('2026-09-25T09:00')));
}

function concluded(overrides: Partial<ReceiveTipInput> = {}, finding = SUBSTANTIATED): TipState {
  return run(checking(overrides), (x) => conclude(x, finding, at('2026-10-20T10:00')));
}

describe('the full lifecycle of a real-name web tip', () => {
  it('received → accepted → assigned → checking → concluded → feedback → closed, meeting each limit at its step', () => {
    let s = receive();
    expect(s.status).toBe('received');
    expect(currentDeadline(s, 'acceptance')).toMatchObject({ due: '2026-10-15', metAt: null });

    const accepted = accept(s, at('2026-09-22T09:00'));
    expect(accepted).toHaveLength(1);
    expect(accepted[0].type).toBe('TipAccepted');
    s = apply(s, accepted);
    expect(s.status).toBe('accepted');
    expect(s.acceptedAt).toBe('2026-09-22T01:00:00.000Z');
    expect(currentDeadline(s, 'acceptance')?.metAt).toBe('2026-09-22T01:00:00.000Z');
    // 60 日 from 09-22: day 60 is 11-21, a Saturday → Monday 11-23.
    expect(currentDeadline(s, 'conclusion')).toMatchObject({
      period: { amount: 60, unit: 'calendar_days' },
      startedAt: '2026-09-22T01:00:00.000Z',
      due: '2026-11-23',
      endsAt: '2026-11-23T16:00:00.000Z',
      metAt: null,
    });

    s = run(s, (x) => assign(x, UNIT, at('2026-09-23T09:00')));
    expect(s.status).toBe('assigned');
    expect(s.unit).toEqual(UNIT);

    s = run(s, (x) => addNote(x, 'note-1', '调取 2025 年度账目。', at('2026-09-25T09:00')));
    expect(s.status).toBe('checking');
    s = run(s, (x) => addTask(x, 'task-1', '约谈村会计', '2026-10-09', at('2026-09-28T09:00')));
    expect(s.status).toBe('checking');
    expect([...s.openTasks]).toEqual(['task-1']);
    s = run(s, (x) => completeTask(x, 'task-1', at('2026-10-12T09:00')));
    expect(s.openTasks.size).toBe(0);

    s = run(s, (x) => conclude(x, SUBSTANTIATED, at('2026-10-20T10:00')));
    expect(s.status).toBe('concluded');
    expect(s.finding).toBe('substantiated');
    expect(s.needsRectification).toBe(true);
    expect(currentDeadline(s, 'conclusion')?.metAt).toBe('2026-10-20T02:00:00.000Z');
    // Feedback: 15 工作日 from Tue 10-20: 10-21..10-23 (3), 10-26..10-30 (8), 11-02..11-06 (13),
    // 11-09 (14), 11-10 (15).
    expect(currentDeadline(s, 'feedback')).toMatchObject({ period: { amount: 15, unit: 'working_days' }, due: '2026-11-10', metAt: null });

    // A real-name reporter must be told before the tip closes.
    expectConflict(() => close(s, at('2026-10-21T09:00')));

    s = run(s, (x) => messageReporter(x, 'msg-1', 'feedback', '经核实，反映问题属实，已责令整改。', at('2026-10-22T09:00')));
    expect(s.status).toBe('feedback_given');
    expect(currentDeadline(s, 'feedback')?.metAt).toBe('2026-10-22T01:00:00.000Z');

    s = run(s, (x) => close(x, at('2026-10-23T09:00')));
    expect(s.status).toBe('closed');
    expect(s.closedFrom).toBe('feedback_given');
    expect(s.closedAt).toBe('2026-10-23T01:00:00.000Z');
    // Every limit that started was met.
    expect(s.deadlines.filter((d) => !d.superseded).every((d) => d.metAt !== null)).toBe(true);

    // Nothing more happens on a closed tip.
    expectConflict(() => reporterReply(s, 'r-1', null, '谢谢', at('2026-10-24T09:00')));
    expectConflict(() => messageReporter(s, 'msg-2', 'question', '还有补充吗？', at('2026-10-24T09:00')));
    expectConflict(() => close(s, at('2026-10-24T09:00')));
  });
});

describe('commands in the wrong status', () => {
  it('concluding twice is a conflict', () => {
    const s = concluded();
    const e = expectConflict(() => conclude(s, SUBSTANTIATED, at('2026-10-21T10:00')));
    expect(e.messageZh).toContain('已办结');
  });

  it('accepting after not-accepting is a conflict, and so is transferring', () => {
    const s = run(receive(), (x) => notAccept(x, '不属于本机关受理范围。', at('2026-09-21T09:00')));
    expect(s.status).toBe('not_accepted');
    expectConflict(() => accept(s, at('2026-09-22T09:00')));
    expectConflict(() => transfer(s, '县信访局', '属信访事项', at('2026-09-22T09:00')));
    expectConflict(() => notAccept(s, '再次', at('2026-09-22T09:00')));
  });

  it('accepting twice is a conflict', () => {
    const s = run(receive(), (x) => accept(x, at('2026-09-22T09:00')));
    expectConflict(() => accept(s, at('2026-09-23T09:00')));
  });

  it('assigning, checking or concluding before acceptance is a conflict', () => {
    const s = receive();
    expectConflict(() => assign(s, UNIT, at('2026-09-19T09:00')));
    expectConflict(() => addNote(s, 'n', '记录', at('2026-09-19T09:00')));
    expectConflict(() => addTask(s, 't', '任务', null, at('2026-09-19T09:00')));
    expectConflict(() => conclude(s, SUBSTANTIATED, at('2026-09-19T09:00')));
    expectConflict(() => extend(s, '案情复杂', at('2026-09-19T09:00')));
  });

  it('concluding an accepted tip that was never assigned is a conflict', () => {
    const s = run(receive(), (x) => accept(x, at('2026-09-22T09:00')));
    expectConflict(() => conclude(s, SUBSTANTIATED, at('2026-09-23T09:00')));
  });

  it('no check notes, tasks or reassignment after the conclusion', () => {
    const s = concluded();
    expectConflict(() => addNote(s, 'n', '补充', at('2026-10-21T09:00')));
    expectConflict(() => addTask(s, 't', '补充核实', null, at('2026-10-21T09:00')));
    expectConflict(() => assign(s, COUNTY, at('2026-10-21T09:00')));
    expectConflict(() => extend(s, '补充', at('2026-10-21T09:00')));
  });

  it('feedback cannot be given before the conclusion', () => {
    const s = checking();
    expectConflict(() => messageReporter(s, 'm', 'feedback', '结果', at('2026-10-01T09:00')));
    // A question is fine at any open status.
    expect(messageReporter(s, 'm', 'question', '请补充证据', at('2026-10-01T09:00'))).toHaveLength(1);
  });
});

describe('decisions at receipt', () => {
  it('not accepting needs a reason and meets the acceptance limit', () => {
    const s = receive();
    expectInvalid(() => notAccept(s, '   ', at('2026-09-21T09:00')), 'tip.reason_missing');
    expectInvalid(() => notAccept(s, '理'.repeat(1001), at('2026-09-21T09:00')), 'tip.reason_too_long');
    const after = run(s, (x) => notAccept(x, '  反映内容不具体。 ', at('2026-09-21T09:00')));
    expect(currentDeadline(after, 'acceptance')?.metAt).toBe('2026-09-21T01:00:00.000Z');
    expect(after.deadlines.some((d) => d.kind === 'conclusion')).toBe(false);
  });

  it('a transfer names where to and why, and meets the acceptance limit', () => {
    const s = receive({ category: 'out_of_scope' });
    expectInvalid(() => transfer(s, '', '属信访事项', at('2026-09-21T09:00')), 'tip.transfer_to_missing');
    expectInvalid(() => transfer(s, '县信访局', '', at('2026-09-21T09:00')), 'tip.reason_missing');
    const events = transfer(s, '县信访局', '属信访事项', at('2026-09-21T09:00'));
    expect(events).toEqual([{ type: 'TipTransferred', data: { at: '2026-09-21T01:00:00.000Z', to: '县信访局', reason: '属信访事项' } }]);
    const after = apply(s, events);
    expect(after.status).toBe('transferred');
    expect(currentDeadline(after, 'acceptance')?.metAt).toBe('2026-09-21T01:00:00.000Z');
  });

  it('acknowledging an election tip meets the 24-hour limit once', () => {
    const s = receive({ category: 'vote_buying' });
    expect(currentDeadline(s, 'acknowledgement')?.metAt).toBeNull();
    const acked = run(s, (x) => acknowledge(x, at('2026-09-18T11:00')));
    expect(acked.acknowledged).toBe(true);
    expect(acked.status).toBe('received');
    expect(currentDeadline(acked, 'acknowledgement')?.metAt).toBe('2026-09-18T03:00:00.000Z');
    expect(currentDeadline(acked, 'acceptance')?.metAt).toBeNull();
    expect(acknowledge(acked, at('2026-09-18T12:00'))).toEqual([]);
  });

  it('accepting an unacknowledged election tip meets the acknowledgement too', () => {
    const s = run(receive({ category: 'vote_buying' }), (x) => accept(x, at('2026-09-18T20:00')));
    expect(currentDeadline(s, 'acknowledgement')?.metAt).toBe('2026-09-18T12:00:00.000Z');
    expect(acknowledge(s, at('2026-09-18T21:00'))).toEqual([]);
  });

  it('an objection is answered by the conclusion', () => {
    const s = concluded({ objection: { noticeId: 'n-1', endsOn: '2026-10-30' } });
    expect(currentDeadline(s, 'objection')?.metAt).toBe('2026-10-20T02:00:00.000Z');
  });
});

describe('assignment and the check', () => {
  it('reassigning to the same unit decides nothing; to another unit moves the tip', () => {
    let s = run(run(receive(), (x) => accept(x, at('2026-09-22T09:00'))), (x) => assign(x, UNIT, at('2026-09-23T09:00')));
    expect(assign(s, UNIT, at('2026-09-24T09:00'))).toEqual([]);
    s = run(s, (x) => assign(x, COUNTY, at('2026-09-24T09:00')));
    expect(s.unit).toEqual(COUNTY);
    expect(s.status).toBe('assigned');
  });

  it('the conclusion is blocked by an open task', () => {
    let s = run(checking(), (x) => addTask(x, 'task-1', '调取银行流水', null, at('2026-09-28T09:00')));
    s = run(s, (x) => addTask(x, 'task-2', '询问村民', null, at('2026-09-28T09:00')));
    const e = expectInvalid(() => conclude(s, SUBSTANTIATED, at('2026-10-20T10:00')), 'tip.open_tasks');
    expect(e.messageZh).toContain('2 项');
    s = run(s, (x) => completeTask(x, 'task-1', at('2026-10-19T09:00')));
    expectInvalid(() => conclude(s, SUBSTANTIATED, at('2026-10-20T10:00')), 'tip.open_tasks');
    s = run(s, (x) => completeTask(x, 'task-2', at('2026-10-19T10:00')));
    expect(run(s, (x) => conclude(x, SUBSTANTIATED, at('2026-10-20T10:00'))).status).toBe('concluded');
  });

  it('completing a task is idempotent, an unknown task is refused', () => {
    let s = run(checking(), (x) => addTask(x, 'task-1', '调取银行流水', null, at('2026-09-28T09:00')));
    expectInvalid(() => completeTask(s, 'task-9', at('2026-09-29T09:00')), 'tip.unknown_task');
    s = run(s, (x) => completeTask(x, 'task-1', at('2026-09-29T09:00')));
    expect(completeTask(s, 'task-1', at('2026-09-30T09:00'))).toEqual([]);
  });

  it('notes and tasks need text within bounds', () => {
    const s = checking();
    expectInvalid(() => addNote(s, 'n', '  ', at('2026-09-26T09:00')), 'tip.note_missing');
    expectInvalid(() => addNote(s, 'n', '记'.repeat(5001), at('2026-09-26T09:00')), 'tip.note_too_long');
    expect(addNote(s, 'n', '记'.repeat(5000), at('2026-09-26T09:00'))).toHaveLength(1);
    expectInvalid(() => addTask(s, 't', '任'.repeat(201), null, at('2026-09-26T09:00')), 'tip.task_too_long');
  });
});

describe('extension of the conclusion limit', () => {
  it('runs 30 日 on from the end of the current limit, not from today', () => {
    const s = run(run(receive(), (x) => accept(x, at('2026-09-22T09:00'))), (x) => assign(x, UNIT, at('2026-09-23T09:00')));
    const old = currentDeadline(s, 'conclusion');
    expect(old?.due).toBe('2026-11-23');
    const extended = run(s, (x) => extend(x, '涉及人员多，需调取多年账目。', at('2026-10-10T09:00')));
    const now = currentDeadline(extended, 'conclusion');
    // Old end: 24:00 on Mon 11-23 (itself moved from Sat 11-21). 30 日 on: Wed 12-23, a working day.
    // (From the start, 90 日 would give Mon 12-21; from today 30 日 would give 11-09.)
    expect(now).toMatchObject({
      period: { amount: 30, unit: 'calendar_days' },
      // The extension period starts at the old limit's last day (not counted), so due = old due + 30 日.
      startedAt: '2026-11-23T15:59:59.999Z',
      due: '2026-12-23',
      endsAt: '2026-12-23T16:00:00.000Z',
      metAt: null,
      superseded: false,
    });
    expect(daysBetween(parseLocalDate(old!.due), parseLocalDate(now!.due))).toBe(30);
    expect(extended.extended).toBe(true);
    // The old limit stays in the history, superseded.
    expect(extended.deadlines.filter((d) => d.kind === 'conclusion').map((d) => [d.due, d.superseded])).toEqual([
      ['2026-11-23', true],
      ['2026-12-23', false],
    ]);
  });

  it('an extension whose 30th day is a rest day moves to the next working day', () => {
    // Accepted Mon 09-21: 60 日 → Fri 11-20; +30 日 → Sun 12-20 → Mon 12-21.
    const s = run(receive(), (x) => accept(x, at('2026-09-21T09:00')));
    expect(currentDeadline(s, 'conclusion')?.due).toBe('2026-11-20');
    expect(currentDeadline(run(s, (x) => extend(x, '案情复杂', at('2026-10-10T09:00'))), 'conclusion')?.due).toBe('2026-12-21');
  });

  it('is allowed once only: a second extension is a conflict', () => {
    const once = run(checking(), (x) => extend(x, '案情复杂', at('2026-10-10T09:00')));
    expectConflict(() => extend(once, '还需时间', at('2026-11-10T09:00')), 'tip.already_extended');
  });

  it('needs a reason', () => {
    expectInvalid(() => extend(checking(), ' ', at('2026-10-10T09:00')), 'tip.reason_missing');
  });

  it('the extended limit is the one the conclusion meets', () => {
    let s = run(checking(), (x) => extend(x, '案情复杂', at('2026-10-10T09:00')));
    s = run(s, (x) => conclude(x, SUBSTANTIATED, at('2026-12-01T10:00')));
    const conclusions = s.deadlines.filter((d) => d.kind === 'conclusion');
    expect(conclusions.find((d) => !d.superseded)?.metAt).toBe('2026-12-01T02:00:00.000Z');
  });
});

describe('the conclusion', () => {
  it('a false accusation (诬告) needs the finding 不属实', () => {
    const s = checking();
    for (const finding of ['substantiated', 'partly_substantiated', 'unverifiable'] as const) {
      expectInvalid(() => conclude(s, { finding, falseAccusation: true, summary: '结论' }, at('2026-10-20T10:00')), 'tip.false_accusation');
    }
    const after = run(s, (x) => conclude(x, { ...UNSUBSTANTIATED, falseAccusation: true }, at('2026-10-20T10:00')));
    expect(after.falseAccusation).toBe(true);
    expect(after.finding).toBe('unsubstantiated');
  });

  it('refuses a finding outside the four', () => {
    const bad = { finding: 'probably', falseAccusation: false, summary: '结论' } as unknown as Conclusion;
    expectInvalid(() => conclude(checking(), bad, at('2026-10-20T10:00')), 'tip.finding');
  });

  it('needs a summary', () => {
    expectInvalid(() => conclude(checking(), { ...SUBSTANTIATED, summary: ' ' }, at('2026-10-20T10:00')), 'tip.summary_missing');
  });

  it('rectification defaults to the finding and may be overridden', () => {
    expect(concluded({}, { ...SUBSTANTIATED, finding: 'partly_substantiated' }).needsRectification).toBe(true);
    expect(concluded({}, UNSUBSTANTIATED).needsRectification).toBe(false);
    expect(concluded({}, { ...SUBSTANTIATED, finding: 'unverifiable' }).needsRectification).toBe(false);
    expect(concluded({}, { ...SUBSTANTIATED, needsRectification: false }).needsRectification).toBe(false);
  });

  it('starts a feedback limit for a real-name reporter only', () => {
    expect(currentDeadline(concluded(), 'feedback')).toBeDefined();
    expect(currentDeadline(concluded({ anonymous: true, sealedReporter: null }), 'feedback')).toBeUndefined();
  });
});

describe('closing', () => {
  it('an anonymous tip may close straight after the conclusion', () => {
    const s = run(concluded({ anonymous: true, sealedReporter: null }), (x) => close(x, at('2026-10-21T09:00')));
    expect(s.status).toBe('closed');
    expect(s.closedFrom).toBe('concluded');
  });

  it('a real-name tip needs the feedback first', () => {
    const s = concluded();
    const e = expectConflict(() => close(s, at('2026-10-21T09:00')));
    expect(e.messageZh).toContain('实名举报须先反馈结果');
  });

  it('no tip closes while it is still being handled', () => {
    for (const s of [receive(), receive({ anonymous: true, sealedReporter: null }), checking({ anonymous: true, sealedReporter: null })]) {
      expectConflict(() => close(s, at('2026-10-21T09:00')));
    }
  });

  it('a not-accepted or transferred tip may close', () => {
    const notAccepted = run(receive(), (x) => notAccept(x, '反映内容不具体。', at('2026-09-21T09:00')));
    expect(run(notAccepted, (x) => close(x, at('2026-09-22T09:00'))).closedFrom).toBe('not_accepted');
    const transferred = run(receive(), (x) => transfer(x, '县信访局', '属信访事项', at('2026-09-21T09:00')));
    expect(run(transferred, (x) => close(x, at('2026-09-22T09:00'))).closedFrom).toBe('transferred');
  });

  it('a closed rectification case starts a new feedback limit that blocks closing until the reporter is told', () => {
    let s = run(concluded(), (x) => messageReporter(x, 'msg-1', 'feedback', '属实，已责令整改。', at('2026-10-22T09:00')));
    s = run(s, (x) => recordRectificationClosed(x, 'case-9', at('2026-11-30T09:00')));
    expect(s.rectificationClosedBy).toBe('case-9');
    expect(currentDeadline(s, 'feedback')).toMatchObject({ startedAt: '2026-11-30T01:00:00.000Z', metAt: null });
    expectConflict(() => close(s, at('2026-12-01T09:00')), 'tip.feedback_pending');
    // The same case closing again decides nothing.
    expect(recordRectificationClosed(s, 'case-9', at('2026-12-01T09:00'))).toEqual([]);
    s = run(s, (x) => messageReporter(x, 'msg-2', 'feedback', '整改已销号。', at('2026-12-02T09:00')));
    expect(run(s, (x) => close(x, at('2026-12-03T09:00'))).status).toBe('closed');
  });

  it('a closed rectification case on an anonymous or closed tip starts no feedback limit', () => {
    const anon = concluded({ anonymous: true, sealedReporter: null });
    expect(recordRectificationClosed(anon, 'case-1', at('2026-11-30T09:00'))).toEqual([
      { type: 'RectificationClosed', data: { at: '2026-11-30T01:00:00.000Z', caseId: 'case-1', deadlines: [] } },
    ]);
    let closed = run(concluded(), (x) => messageReporter(x, 'm', 'feedback', '属实。', at('2026-10-22T09:00')));
    closed = run(closed, (x) => close(x, at('2026-10-23T09:00')));
    const [event] = recordRectificationClosed(closed, 'case-2', at('2026-11-30T09:00'));
    expect(event).toMatchObject({ type: 'RectificationClosed', data: { deadlines: [] } });
  });
});

describe('repeats (a public lifecycle of their own, issue 14 H1)', () => {
  const repeat = (o: Partial<ReceiveTipInput> = {}) => receive({ repeatOf: 'tip-0', ...o });

  it('run on their own clock: the same acceptance limit as a first tip, reminded and flagged overdue like one', () => {
    const first = receive();
    const r = repeat();
    expect(currentDeadline(r, 'acceptance')).toMatchObject({ due: currentDeadline(first, 'acceptance')!.due, metAt: null });
    expect(flagDeadline(r, 'DeadlineOverdue', 'acceptance', at('2026-10-16T09:00'))).toEqual([
      { type: 'DeadlineOverdue', data: expect.objectContaining({ kind: 'acceptance' }) },
    ]);
  });

  it('are accepted (并入办理) like a first tip, with the same public states, and a conclusion limit met by the feedback', () => {
    const first = run(receive(), (x) => accept(x, at('2026-09-22T09:00')));
    let r = run(repeat(), (x) => accept(x, at('2026-09-22T09:00')));
    expect(r.status).toBe(first.status);
    expect(currentDeadline(r, 'acceptance')?.metAt).toBe('2026-09-22T01:00:00.000Z');
    expect(currentDeadline(r, 'conclusion')).toMatchObject({ due: currentDeadline(first, 'conclusion')!.due, metAt: null });
    r = run(r, (x) => messageReporter(x, 'm-1', 'feedback', '您反映的问题已并入相关举报一并核查处理。', at('2026-10-10T09:00')));
    expect(r.status).toBe('feedback_given');
    expect(r.finding).toBeNull();
    expect(currentDeadline(r, 'conclusion')?.metAt).toBe('2026-10-10T01:00:00.000Z');
    r = run(r, (x) => close(x, at('2026-10-11T09:00')));
    expect(r).toMatchObject({ status: 'closed', closedFrom: 'feedback_given', finding: null });
  });

  it('are not accepted or transferred, then closed, like a first tip', () => {
    const n = run(repeat(), (x) => notAccept(x, '不属于受理范围。', at('2026-09-21T09:00')));
    expect(n.status).toBe('not_accepted');
    expect(run(n, (x) => close(x, at('2026-09-22T09:00'))).status).toBe('closed');
    const t = run(repeat(), (x) => transfer(x, '县信访局', '属信访事项。', at('2026-09-21T09:00')));
    expect(run(t, (x) => close(x, at('2026-09-22T09:00'))).status).toBe('closed');
  });

  it('are closed only after their reporter has had the staff’s feedback (unless no one can be told)', () => {
    const accepted = run(repeat(), (x) => accept(x, at('2026-09-22T09:00')));
    expectConflict(() => close(accepted, at('2026-09-23T09:00')));
    const anonymousWithCode = run(repeat({ anonymous: true, sealedReporter: null }), (x) => accept(x, at('2026-09-22T09:00')));
    expectConflict(() => close(anonymousWithCode, at('2026-09-23T09:00')));
    const unreachable = run(repeat({ anonymous: true, sealedReporter: null, receiptLocator: null }), (x) => accept(x, at('2026-09-22T09:00')));
    expect(run(unreachable, (x) => close(x, at('2026-09-23T09:00'))).status).toBe('closed');
  });

  it('are checked and concluded only through the earlier tip: assign, notes, tasks and conclude refuse, in Chinese', () => {
    const r = run(repeat(), (x) => accept(x, at('2026-09-22T09:00')));
    const e = expectInvalid(() => assign(r, UNIT, at('2026-09-23T09:00')), 'tip.is_repeat');
    expect(e.messageZh).toContain('并入首次举报办理');
    expectInvalid(() => addNote(r, 'n', '记录', at('2026-09-23T09:00')), 'tip.is_repeat');
    expectInvalid(() => addTask(r, 't', '任务', null, at('2026-09-23T09:00')), 'tip.is_repeat');
    expectInvalid(() => conclude(r, SUBSTANTIATED, at('2026-09-23T09:00')), 'tip.is_repeat');
  });

  it('still take the reporter’s replies and messages to the reporter', () => {
    const s = repeat({ anonymous: true, sealedReporter: null });
    expect(reporterReply(s, 'r-1', null, '补充：还有新情况。', at('2026-09-21T09:00'))).toHaveLength(1);
    expect(messageReporter(s, 'm-1', 'question', '请说明时间。', at('2026-09-21T09:00'))).toHaveLength(1);
    expectConflict(() => messageReporter(s, 'm-2', 'feedback', '已处理。', at('2026-09-21T09:00')));
  });
});

describe('messages', () => {
  it('an anonymous tip without a receipt code has no channel to the reporter', () => {
    const s = receive({ anonymous: true, sealedReporter: null, receiptLocator: null });
    expectInvalid(() => messageReporter(s, 'm', 'question', '请补充', at('2026-09-21T09:00')), 'tip.no_channel');
  });

  it('a question does not count as feedback', () => {
    const s = run(concluded(), (x) => messageReporter(x, 'm', 'question', '是否还有补充？', at('2026-10-21T09:00')));
    expect(s.status).toBe('concluded');
    expect(currentDeadline(s, 'feedback')?.metAt).toBeNull();
  });

  it('text is required and bounded', () => {
    const s = checking();
    expectInvalid(() => messageReporter(s, 'm', 'question', '', at('2026-09-26T09:00')), 'tip.message_missing');
    expectInvalid(() => reporterReply(s, 'r', null, '字'.repeat(5001), at('2026-09-26T09:00')), 'tip.reply_too_long');
  });
});

describe('flagDeadline', () => {
  // The web tip's acceptance limit ends 2026-10-15T16:00Z (24:00 Shanghai on 10-15).
  const END = Date.parse('2026-10-15T16:00:00.000Z');
  const instant = (ms: number): HandleContext => ({ policy, calendar, now: new Date(ms) });

  it('flags overdue only once the limit has ended, and only once', () => {
    const s = receive();
    expect(flagDeadline(s, 'DeadlineOverdue', 'acceptance', instant(END - 1))).toEqual([]);
    // 24:00 is the end of the last day: at that instant the limit has run out.
    const events = flagDeadline(s, 'DeadlineOverdue', 'acceptance', instant(END));
    expect(events).toEqual([{ type: 'DeadlineOverdue', data: { at: '2026-10-15T16:00:00.000Z', kind: 'acceptance', endsAt: '2026-10-15T16:00:00.000Z' } }]);
    const flagged = apply(s, events);
    expect(currentDeadline(flagged, 'acceptance')?.overdue).toBe(true);
    expect(flagDeadline(flagged, 'DeadlineOverdue', 'acceptance', instant(END + 86_400_000))).toEqual([]);
  });

  it('reminds once, and not after the limit is overdue', () => {
    const s = receive();
    const events = flagDeadline(s, 'DeadlineReminded', 'acceptance', instant(END - 3 * 86_400_000));
    expect(events).toHaveLength(1);
    const reminded = apply(s, events);
    expect(currentDeadline(reminded, 'acceptance')?.reminded).toBe(true);
    expect(flagDeadline(reminded, 'DeadlineReminded', 'acceptance', instant(END - 86_400_000))).toEqual([]);

    const overdue = run(s, (x) => flagDeadline(x, 'DeadlineOverdue', 'acceptance', instant(END)));
    expect(flagDeadline(overdue, 'DeadlineReminded', 'acceptance', instant(END + 1))).toEqual([]);
  });

  it('flags nothing for a met limit, a closed tip, or a limit the tip does not have', () => {
    const accepted = run(receive(), (x) => accept(x, at('2026-09-22T09:00')));
    expect(flagDeadline(accepted, 'DeadlineOverdue', 'acceptance', instant(END + 1))).toEqual([]);
    expect(flagDeadline(accepted, 'DeadlineReminded', 'acceptance', instant(END - 1))).toEqual([]);
    expect(flagDeadline(accepted, 'DeadlineOverdue', 'feedback', instant(END + 1))).toEqual([]);

    const closed = run(concluded({ anonymous: true, sealedReporter: null }), (x) => close(x, at('2026-10-21T09:00')));
    expect(flagDeadline(closed, 'DeadlineOverdue', 'conclusion', instant(Date.parse('2027-01-01T00:00:00Z')))).toEqual([]);
  });

  it('counts not accepting an objection as answering it, and flags nothing on a closed tip', () => {
    let s = receive({ objection: { noticeId: 'n-1', endsOn: '2026-09-25' } });
    s = run(s, (x) => notAccept(x, '反映内容与公示对象无关。', at('2026-09-19T09:00')));
    expect(currentDeadline(s, 'objection')?.metAt).toBe('2026-09-19T01:00:00.000Z');
    s = run(s, (x) => close(x, at('2026-09-20T09:00')));
    const later = instant(Date.parse('2026-09-26T00:00:00Z'));
    expect(flagDeadline(s, 'DeadlineOverdue', 'objection', later)).toEqual([]);
    expect(flagDeadline(s, 'DeadlineReminded', 'objection', later)).toEqual([]);
  });

  it('after an extension the new limit can be reminded and flagged again', () => {
    let s = checking();
    const oldEnd = Date.parse(currentDeadline(s, 'conclusion')!.endsAt);
    s = run(s, (x) => flagDeadline(x, 'DeadlineReminded', 'conclusion', instant(oldEnd - 86_400_000)));
    s = run(s, (x) => extend(x, '案情复杂', at('2026-11-20T09:00')));
    expect(currentDeadline(s, 'conclusion')?.reminded).toBe(false);
    // Past the old end but before the new one: not overdue.
    expect(flagDeadline(s, 'DeadlineOverdue', 'conclusion', instant(oldEnd + 1))).toEqual([]);
    expect(flagDeadline(s, 'DeadlineReminded', 'conclusion', instant(oldEnd + 1))).toHaveLength(1);
  });
});

describe('reporter identity', () => {
  it('a read is recorded with its reason', () => {
    const s = receive();
    expect(recordIdentityRead(s, '核实举报人身份', at('2026-09-21T09:00'))).toEqual([
      { type: 'ReporterIdentityRead', data: { at: '2026-09-21T01:00:00.000Z', reason: '核实举报人身份' } },
    ]);
    expectInvalid(() => recordIdentityRead(s, '', at('2026-09-21T09:00')), 'tip.reason_missing');
  });

  it('an anonymous tip has no identity to read', () => {
    expectInvalid(() => recordIdentityRead(receive({ anonymous: true, sealedReporter: null }), '查看', at('2026-09-21T09:00')), 'tip.anonymous');
  });

  it('is refused after the erase; a second erase decides nothing', () => {
    const s = run(receive(), (x) => eraseIdentity(x, '举报人申请销毁', at('2026-09-21T09:00')));
    expect(s.identityErased).toBe(true);
    const e = expectConflict(() => recordIdentityRead(s, '核实', at('2026-09-22T09:00')), 'tip.identity_erased');
    expect(e.messageZh).toContain('已依规销毁');
    expect(eraseIdentity(s, '再次', at('2026-09-22T09:00'))).toEqual([]);
  });

  it('the erase needs a reason', () => {
    expectInvalid(() => eraseIdentity(receive(), ' ', at('2026-09-21T09:00')), 'tip.reason_missing');
  });
});
