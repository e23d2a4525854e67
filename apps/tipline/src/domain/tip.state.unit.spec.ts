import { bundledChineseDaysData, WorkingCalendar } from '@lw/domain';
import { startDeadline, type TipDeadline } from './deadline';
import { receiveTip } from './tip-receipt.decisions';
import { DEFAULT_TIP_POLICY } from './tip-policy';
import type { TipEvent, TipReceivedData } from './tip.events';
import { currentDeadline, evolveTip, foldTip, initialTipState, type TipState } from './tip.state';

const calendar = new WorkingCalendar(bundledChineseDaysData());

/** A real-name election tip by web on Fri 2026-09-18 10:00 Shanghai: acceptance and acknowledgement limits. */
function received(overrides: Partial<Parameters<typeof receiveTip>[0]> = {}): TipReceivedData {
  return receiveTip(
    {
      tipId: 'tip-1',
      channel: 'web',
      category: 'vote_buying',
      subjects: [{ kind: 'village', villageCode: '320723100201' }],
      text: '有人挨家挨户送购物卡拉票。',
      evidence: [],
      anonymous: false,
      sealedReporter: { v: 1, iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' },
      receiptLocator: 'loc-1',
      repeatOf: null,
      objection: null,
      origin: null,
      ...overrides,
    },
    { policy: DEFAULT_TIP_POLICY, calendar, now: new Date('2026-09-18T10:00:00+08:00'), isKnownVillage: () => true },
  );
}

const conclusionFrom = (iso: string): TipDeadline =>
  startDeadline('conclusion', new Date(iso), DEFAULT_TIP_POLICY.regimes.discipline.conclusion, calendar);
const feedbackFrom = (iso: string): TipDeadline => startDeadline('feedback', new Date(iso), DEFAULT_TIP_POLICY.regimes.discipline.feedback, calendar);

/** The full lifecycle as stored events. */
const LIFECYCLE: TipEvent[] = [
  { type: 'TipReceived', data: received() },
  { type: 'TipAcknowledged', data: { at: '2026-09-18T03:00:00.000Z' } },
  { type: 'TipAccepted', data: { at: '2026-09-22T01:00:00.000Z', deadlines: [conclusionFrom('2026-09-22T01:00:00.000Z')] } },
  { type: 'TipAssigned', data: { at: '2026-09-23T01:00:00.000Z', unitCode: '320723', unitName: '灌云县纪委监委', unitLevel: 'county' } },
  { type: 'CheckNoteAdded', data: { at: '2026-09-25T01:00:00.000Z', noteId: 'n-1', text: '走访 5 户村民。' } },
  { type: 'CheckTaskAdded', data: { at: '2026-09-28T01:00:00.000Z', taskId: 't-1', title: '核对购物卡来源', dueOn: null } },
  { type: 'CheckTaskCompleted', data: { at: '2026-10-12T01:00:00.000Z', taskId: 't-1' } },
  {
    type: 'TipConcluded',
    data: {
      at: '2026-10-20T02:00:00.000Z',
      finding: 'partly_substantiated',
      falseAccusation: false,
      summary: '部分属实。',
      needsRectification: true,
      deadlines: [feedbackFrom('2026-10-20T02:00:00.000Z')],
    },
  },
  { type: 'MessageToReporter', data: { at: '2026-10-22T01:00:00.000Z', messageId: 'm-1', kind: 'feedback', text: '部分属实，已处理。' } },
  { type: 'TipClosed', data: { at: '2026-10-23T01:00:00.000Z' } },
];

function foldUpTo(type: TipEvent['type']): TipState {
  const i = LIFECYCLE.findIndex((e) => e.type === type);
  return foldTip(LIFECYCLE.slice(0, i + 1))!;
}

describe('foldTip / evolveTip over the full lifecycle', () => {
  it('walks the statuses in order', () => {
    const statuses: string[] = [];
    LIFECYCLE.reduce<TipState | null>((s, e) => {
      const next = evolveTip(s, e);
      statuses.push(next.status);
      return next;
    }, null);
    expect(statuses).toEqual(['received', 'received', 'accepted', 'assigned', 'checking', 'checking', 'checking', 'concluded', 'feedback_given', 'closed']);
  });

  it('meets each limit at its step and no earlier', () => {
    const afterAck = foldUpTo('TipAcknowledged');
    expect(currentDeadline(afterAck, 'acknowledgement')?.metAt).toBe('2026-09-18T03:00:00.000Z');
    expect(currentDeadline(afterAck, 'acceptance')?.metAt).toBeNull();

    const afterAccept = foldUpTo('TipAccepted');
    // Already met by the acknowledgement: the acceptance does not overwrite when it was met.
    expect(currentDeadline(afterAccept, 'acknowledgement')?.metAt).toBe('2026-09-18T03:00:00.000Z');
    expect(currentDeadline(afterAccept, 'acceptance')?.metAt).toBe('2026-09-22T01:00:00.000Z');
    expect(currentDeadline(afterAccept, 'conclusion')?.metAt).toBeNull();

    const afterTask = foldUpTo('CheckTaskCompleted');
    expect(currentDeadline(afterTask, 'conclusion')?.metAt).toBeNull();

    const afterConclusion = foldUpTo('TipConcluded');
    expect(currentDeadline(afterConclusion, 'conclusion')?.metAt).toBe('2026-10-20T02:00:00.000Z');
    // The feedback limit the conclusion starts is not met by that same conclusion.
    expect(currentDeadline(afterConclusion, 'feedback')?.metAt).toBeNull();

    const afterFeedback = foldUpTo('MessageToReporter');
    expect(currentDeadline(afterFeedback, 'feedback')?.metAt).toBe('2026-10-22T01:00:00.000Z');
  });

  it('ends closed with what the handling decided', () => {
    const s = foldTip(LIFECYCLE)!;
    expect(s).toMatchObject({
      status: 'closed',
      version: LIFECYCLE.length,
      acknowledged: true,
      unit: { code: '320723', name: '灌云县纪委监委', level: 'county' },
      finding: 'partly_substantiated',
      needsRectification: true,
      acceptedAt: '2026-09-22T01:00:00.000Z',
      concludedAt: '2026-10-20T02:00:00.000Z',
      closedAt: '2026-10-23T01:00:00.000Z',
      closedFrom: 'feedback_given',
    });
    expect(s.openTasks.size).toBe(0);
    expect([...s.allTasks]).toEqual(['t-1']);
  });

  it('counts the version from 1 for the TipReceived, one per event', () => {
    expect(foldUpTo('TipReceived').version).toBe(1);
    expect(foldUpTo('TipAssigned').version).toBe(4);
  });
});

describe('evolveTip', () => {
  it('needs the stream to start with TipReceived', () => {
    expect(() => evolveTip(null, { type: 'TipClosed', data: { at: '2026-10-01T00:00:00.000Z' } })).toThrow(/TipReceived/);
    expect(foldTip([])).toBeNull();
  });

  it('does not change the state it was given (tasks are copied, not shared)', () => {
    const before = foldUpTo('CheckTaskAdded');
    const snapshot = { status: before.status, version: before.version, open: [...before.openTasks], all: [...before.allTasks] };
    const after = evolveTip(before, { type: 'CheckTaskCompleted', data: { at: '2026-10-12T01:00:00.000Z', taskId: 't-1' } });
    evolveTip(before, { type: 'CheckTaskAdded', data: { at: '2026-10-12T01:00:00.000Z', taskId: 't-2', title: '再核', dueOn: null } });
    expect(after.openTasks.size).toBe(0);
    expect({ status: before.status, version: before.version, open: [...before.openTasks], all: [...before.allTasks] }).toEqual(snapshot);
  });

  it('a note in checking keeps checking; a task in assigned starts checking', () => {
    const assigned = foldUpTo('TipAssigned');
    const byTask = evolveTip(assigned, { type: 'CheckTaskAdded', data: { at: '2026-09-24T01:00:00.000Z', taskId: 't-9', title: '走访', dueOn: '2026-10-09' } });
    expect(byTask.status).toBe('checking');
    expect(evolveTip(byTask, { type: 'CheckNoteAdded', data: { at: '2026-09-25T01:00:00.000Z', noteId: 'n', text: '记录' } }).status).toBe('checking');
  });

  it('a later TipAssigned moves the tip back to assigned with the new unit', () => {
    const s = evolveTip(foldUpTo('TipAssigned'), {
      type: 'TipAssigned',
      data: { at: '2026-09-24T01:00:00.000Z', unitCode: '320723100', unitName: '伊山镇纪委', unitLevel: 'township' },
    });
    expect(s.unit).toEqual({ code: '320723100', name: '伊山镇纪委', level: 'township' });
  });

  it('not-accepted and transferred tips meet the acceptance and acknowledgement limits', () => {
    const base = foldUpTo('TipReceived');
    for (const event of [
      { type: 'TipNotAccepted', data: { at: '2026-09-19T01:00:00.000Z', reason: '不具体' } },
      { type: 'TipTransferred', data: { at: '2026-09-19T01:00:00.000Z', to: '县信访局', reason: '信访事项' } },
    ] as TipEvent[]) {
      const s = evolveTip(base, event);
      expect(s.status).toBe(event.type === 'TipNotAccepted' ? 'not_accepted' : 'transferred');
      expect(s.acknowledged).toBe(true);
      expect(currentDeadline(s, 'acceptance')?.metAt).toBe('2026-09-19T01:00:00.000Z');
      expect(currentDeadline(s, 'acknowledgement')?.metAt).toBe('2026-09-19T01:00:00.000Z');
    }
  });

  it('an extension supersedes the conclusion limit; marks and meets then apply to the new one only', () => {
    const accepted = foldUpTo('TipAccepted');
    const old = currentDeadline(accepted, 'conclusion')!;
    const overdueOld = evolveTip(accepted, { type: 'DeadlineOverdue', data: { at: old.endsAt, kind: 'conclusion', endsAt: old.endsAt } });
    const extendedLimit: TipDeadline = { ...startDeadline('conclusion', new Date(Date.parse(old.endsAt) - 1), { amount: 30, unit: 'calendar_days' }, calendar), startedAt: old.startedAt };
    let s = evolveTip(overdueOld, { type: 'DeadlineExtended', data: { at: old.endsAt, reason: '复杂', deadline: extendedLimit } });
    expect(s.extended).toBe(true);
    const conclusions = s.deadlines.filter((d) => d.kind === 'conclusion');
    expect(conclusions.map((d) => ({ due: d.due, superseded: d.superseded, overdue: d.overdue }))).toEqual([
      { due: old.due, superseded: true, overdue: true },
      { due: extendedLimit.due, superseded: false, overdue: false },
    ]);
    s = evolveTip(s, { type: 'DeadlineReminded', data: { at: '2026-12-20T00:00:00.000Z', kind: 'conclusion', endsAt: extendedLimit.endsAt } });
    s = evolveTip(s, { type: 'TipAssigned', data: { at: '2026-12-20T00:00:00.000Z', unitCode: 'u', unitName: 'u', unitLevel: 'county' } });
    s = evolveTip(s, { type: 'CheckNoteAdded', data: { at: '2026-12-20T00:00:00.000Z', noteId: 'n', text: 't' } });
    s = evolveTip(s, {
      type: 'TipConcluded',
      data: { at: '2026-12-21T00:00:00.000Z', finding: 'unverifiable', falseAccusation: false, summary: 's', needsRectification: false, deadlines: [] },
    });
    const [first, second] = s.deadlines.filter((d) => d.kind === 'conclusion');
    expect(first).toMatchObject({ superseded: true, reminded: false, metAt: null });
    expect(second).toMatchObject({ superseded: false, reminded: true, metAt: '2026-12-21T00:00:00.000Z' });
  });

  it('a question to the reporter changes nothing but the version; a feedback in not_accepted keeps that status', () => {
    const concluded = foldUpTo('TipConcluded');
    const asked = evolveTip(concluded, { type: 'MessageToReporter', data: { at: '2026-10-21T01:00:00.000Z', messageId: 'q', kind: 'question', text: '?' } });
    expect(asked.status).toBe('concluded');
    expect(currentDeadline(asked, 'feedback')?.metAt).toBeNull();
    expect(asked.version).toBe(concluded.version + 1);

    const notAccepted = evolveTip(foldUpTo('TipReceived'), { type: 'TipNotAccepted', data: { at: '2026-09-19T01:00:00.000Z', reason: '不具体' } });
    const told = evolveTip(notAccepted, { type: 'MessageToReporter', data: { at: '2026-09-20T01:00:00.000Z', messageId: 'f', kind: 'feedback', text: '不予受理' } });
    expect(told.status).toBe('not_accepted');
  });

  it('RepeatLinked counts the repeats on the first tip', () => {
    let s = foldUpTo('TipAccepted');
    s = evolveTip(s, { type: 'RepeatLinked', data: { repeatTipId: 'tip-2', receivedAt: '2026-09-25T01:00:00.000Z' } });
    s = evolveTip(s, { type: 'RepeatLinked', data: { repeatTipId: 'tip-3', receivedAt: '2026-09-26T01:00:00.000Z' } });
    expect(s.repeats).toEqual(['tip-2', 'tip-3']);
    expect(s.status).toBe('accepted');
  });

  it('a closed rectification case supersedes the met feedback limit with a new open one', () => {
    const told = foldUpTo('MessageToReporter');
    const again = feedbackFrom('2026-11-30T01:00:00.000Z');
    const s = evolveTip(told, { type: 'RectificationClosed', data: { at: '2026-11-30T01:00:00.000Z', caseId: 'c-1', deadlines: [again] } });
    expect(s.rectificationClosedBy).toBe('c-1');
    expect(s.deadlines.filter((d) => d.kind === 'feedback').map((d) => [d.superseded, d.metAt])).toEqual([
      [true, '2026-10-22T01:00:00.000Z'],
      [false, null],
    ]);
  });

  it('a reporter reply and an identity read change nothing but the version; an erase is kept', () => {
    const s = foldUpTo('TipAccepted');
    const replied = evolveTip(s, { type: 'ReporterReplied', data: { at: '2026-09-23T01:00:00.000Z', messageId: 'r', inReplyTo: null, text: '补充' } });
    const read = evolveTip(replied, { type: 'ReporterIdentityRead', data: { at: '2026-09-23T02:00:00.000Z', reason: '核实' } });
    expect({ ...read, version: s.version }).toEqual(s);
    expect(read.version).toBe(s.version + 2);
    expect(evolveTip(read, { type: 'ReporterIdentityErased', data: { at: '2026-09-24T01:00:00.000Z', reason: '申请' } }).identityErased).toBe(true);
  });

  it('initialTipState opens the limits the TipReceived carries', () => {
    const s = initialTipState(received());
    expect(s.deadlines.map((d) => [d.kind, d.metAt, d.superseded, d.reminded, d.overdue])).toEqual([
      ['acceptance', null, false, false, false],
      ['acknowledgement', null, false, false, false],
    ]);
  });
});
