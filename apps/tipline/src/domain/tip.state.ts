import type { DeadlineKind, TipDeadline } from './deadline';
import type { Finding } from './finding';
import type { TipEvent, TipReceivedData } from './tip.events';
import type { TipStatus } from './tip-status';

export interface DeadlineState extends TipDeadline {
  /** When the limit was met (the step it guards was done); null while open. */
  metAt: string | null;
  /** Replaced by an extension; the newer one counts. */
  superseded: boolean;
  reminded: boolean;
  overdue: boolean;
}

/** A tip as its events leave it; what every command decides on. */
export interface TipState {
  received: TipReceivedData;
  status: TipStatus;
  version: number;
  deadlines: DeadlineState[];
  acknowledged: boolean;
  extended: boolean;
  unit: { code: string; name: string; level: 'county' | 'township' } | null;
  finding: Finding | null;
  falseAccusation: boolean;
  needsRectification: boolean;
  rectificationClosedBy: string | null;
  repeats: string[];
  openTasks: Set<string>;
  allTasks: Set<string>;
  identityErased: boolean;
  /** Status before closing, to tell how a closed tip ended. */
  closedFrom: TipStatus | null;
  acceptedAt: string | null;
  concludedAt: string | null;
  closedAt: string | null;
}

/** The deadlines each status change meets. */
const MEETS: Partial<Record<TipEvent['type'], DeadlineKind[]>> = {
  TipAcknowledged: ['acknowledgement'],
  TipAccepted: ['acknowledgement', 'acceptance'],
  // Not accepting or transferring an objection answers it too (the objector is told where it went).
  TipNotAccepted: ['acknowledgement', 'acceptance', 'objection'],
  TipTransferred: ['acknowledgement', 'acceptance', 'objection'],
  TipConcluded: ['conclusion', 'objection'],
};

function withDeadlines(state: TipState, added: TipDeadline[]): DeadlineState[] {
  const kinds = new Set(added.map((d) => d.kind));
  return [
    ...state.deadlines.map((d) => (kinds.has(d.kind) && !d.superseded ? { ...d, superseded: true } : d)),
    ...added.map((d) => ({ ...d, metAt: null, superseded: false, reminded: false, overdue: false })),
  ];
}

function meet(state: TipState, kinds: readonly DeadlineKind[], at: string): DeadlineState[] {
  return state.deadlines.map((d) => (kinds.includes(d.kind) && !d.superseded && !d.metAt ? { ...d, metAt: at } : d));
}

function mark(state: TipState, kind: DeadlineKind, field: 'reminded' | 'overdue'): DeadlineState[] {
  return state.deadlines.map((d) => (d.kind === kind && !d.superseded ? { ...d, [field]: true } : d));
}

/** The deadline of a kind that currently counts. */
export function currentDeadline(state: TipState, kind: DeadlineKind): DeadlineState | undefined {
  return state.deadlines.find((d) => d.kind === kind && !d.superseded);
}

export function initialTipState(received: TipReceivedData): TipState {
  const base: TipState = {
    received,
    status: 'received',
    version: 1,
    deadlines: [],
    acknowledged: false,
    extended: false,
    unit: null,
    finding: null,
    falseAccusation: false,
    needsRectification: false,
    rectificationClosedBy: null,
    repeats: [],
    openTasks: new Set(),
    allTasks: new Set(),
    identityErased: false,
    closedFrom: null,
    acceptedAt: null,
    concludedAt: null,
    closedAt: null,
  };
  return { ...base, deadlines: withDeadlines(base, received.deadlines) };
}

/** Folds one event into the state. Pure; events are facts, so nothing here rejects. */
export function evolveTip(state: TipState | null, event: TipEvent): TipState {
  if (event.type === 'TipReceived') return initialTipState(event.data);
  if (!state) throw new Error(`tip stream starts with ${event.type}, not TipReceived`);
  let s: TipState = { ...state, version: state.version + 1 };
  const meets = MEETS[event.type];
  if (meets) s = { ...s, deadlines: meet(s, meets, (event.data as { at: string }).at) };
  switch (event.type) {
    case 'RepeatLinked':
      return { ...s, repeats: [...s.repeats, event.data.repeatTipId] };
    case 'TipAcknowledged':
      return { ...s, acknowledged: true };
    case 'TipAccepted':
      return { ...s, status: 'accepted', acknowledged: true, acceptedAt: event.data.at, deadlines: withDeadlines(s, event.data.deadlines) };
    case 'TipNotAccepted':
      return { ...s, status: 'not_accepted', acknowledged: true };
    case 'TipTransferred':
      return { ...s, status: 'transferred', acknowledged: true };
    case 'TipAssigned':
      return { ...s, status: 'assigned', unit: { code: event.data.unitCode, name: event.data.unitName, level: event.data.unitLevel } };
    case 'CheckNoteAdded':
      return { ...s, status: s.status === 'assigned' ? 'checking' : s.status };
    case 'CheckTaskAdded': {
      const openTasks = new Set(s.openTasks).add(event.data.taskId);
      const allTasks = new Set(s.allTasks).add(event.data.taskId);
      return { ...s, status: s.status === 'assigned' ? 'checking' : s.status, openTasks, allTasks };
    }
    case 'CheckTaskCompleted': {
      const openTasks = new Set(s.openTasks);
      openTasks.delete(event.data.taskId);
      return { ...s, openTasks };
    }
    case 'DeadlineExtended':
      return { ...s, extended: true, deadlines: withDeadlines(s, [event.data.deadline]) };
    case 'TipConcluded':
      return {
        ...s,
        status: 'concluded',
        concludedAt: event.data.at,
        finding: event.data.finding,
        falseAccusation: event.data.falseAccusation,
        needsRectification: event.data.needsRectification,
        deadlines: withDeadlines(s, event.data.deadlines),
      };
    case 'RectificationClosed':
      return { ...s, rectificationClosedBy: event.data.caseId, deadlines: withDeadlines(s, event.data.deadlines ?? []) };
    case 'MessageToReporter': {
      if (event.data.kind !== 'feedback') return s;
      // A repeat merged into the earlier tip's handling is answered by this feedback: it ends its own limits.
      const repeatAnswered = !!s.received.repeatOf && s.status === 'accepted';
      const met: DeadlineKind[] = repeatAnswered ? ['conclusion', 'objection', 'feedback'] : ['feedback'];
      return { ...s, status: s.status === 'concluded' || repeatAnswered ? 'feedback_given' : s.status, deadlines: meet(s, met, event.data.at) };
    }
    case 'TipClosed':
      return { ...s, status: 'closed', closedFrom: s.status, closedAt: event.data.at };
    case 'DeadlineReminded':
      return { ...s, deadlines: mark(s, event.data.kind, 'reminded') };
    case 'DeadlineOverdue':
      return { ...s, deadlines: mark(s, event.data.kind, 'overdue') };
    case 'ReporterIdentityErased':
      return { ...s, identityErased: true };
    case 'ReporterReplied':
    case 'ReporterIdentityRead':
      return s;
  }
}

export function foldTip(events: readonly TipEvent[]): TipState | null {
  return events.reduce<TipState | null>((s, e) => evolveTip(s, e), null);
}
