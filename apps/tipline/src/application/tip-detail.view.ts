import { formatShanghai } from '@lw/domain';
import type { StoredEvent } from '@lw/eventstore';
import { DEADLINE_LABELS, FINDING_LABELS, TIP_CHANNEL_LABELS, TIP_STATUS_LABELS, type Remaining, type TipDeadline, type TipPolicy, type TipState } from '../domain';

/** Event types a non-discipline reader may see in the history (no notes, messages or identity reads). */
const PUBLIC_HISTORY = new Set(['TipReceived', 'TipAccepted', 'TipNotAccepted', 'TipTransferred', 'TipAssigned', 'DeadlineExtended', 'TipConcluded', 'TipClosed', 'RepeatLinked', 'DeadlineOverdue']);

/**
 * One tip as a staff member sees it, cut to the view the access policy gives (tip-visibility.ts):
 * `content` adds the subjects (with id numbers), text, evidence, notes, tasks and messages; `list` is
 * where the matter stands, without subjects. Never the reporter's identity: that is the reveal flow.
 */
export function tipDetailView(
  state: TipState,
  version: number,
  events: StoredEvent[],
  policy: TipPolicy,
  view: 'list' | 'content',
  /** What is left of an open limit, in its own unit (the controller passes the calendar's answer). */
  remaining: (d: TipDeadline) => Remaining | null = () => null,
) {
  const r = state.received;
  const full = view === 'content';
  const base = {
    tipId: r.tipId,
    view,
    version,
    status: state.status,
    statusLabel: TIP_STATUS_LABELS[state.status],
    channel: r.channel,
    channelLabel: TIP_CHANNEL_LABELS[r.channel],
    category: r.category,
    categoryLabel: policy.categories.find((c) => c.code === r.category)?.name ?? r.category,
    villageCode: r.villageCode,
    receivedAt: r.receivedAt,
    receivedAtLocal: formatShanghai(new Date(r.receivedAt)),
    anonymous: r.anonymous,
    electionRelated: r.electionRelated,
    // The candidate's id names the subject: only with the content.
    objection: full || !r.objection ? r.objection : { noticeId: r.objection.noticeId, endsOn: r.objection.endsOn },
    repeatOf: r.repeatOf,
    repeats: state.repeats,
    regime: policy.regimes[r.regime].label,
    unit: state.unit,
    finding: state.finding ? { code: state.finding, label: FINDING_LABELS[state.finding] } : null,
    falseAccusation: state.falseAccusation,
    deadlines: state.deadlines.map((d) => ({
      kind: d.kind,
      label: DEADLINE_LABELS[d.kind],
      period: d.period,
      due: d.due,
      endsAt: d.endsAt,
      endsAtLocal: formatShanghai(new Date(d.endsAt)),
      metAt: d.metAt,
      superseded: d.superseded,
      overdue: !d.metAt && !d.superseded && (d.overdue || Date.parse(d.endsAt) < Date.now()),
      beyondCalendar: d.beyondHorizon,
      remaining: d.metAt || d.superseded ? null : remaining(d),
    })),
    subjects: [] as unknown[],
  };
  const history = events
    .filter((e) => full || PUBLIC_HISTORY.has(e.type))
    .map((e) => ({ type: e.type, at: e.metadata.occurredAt, by: e.metadata.actor?.userId ?? null, ...(full ? { data: historyData(e) } : {}) }));
  if (!full) return { ...base, history };
  return {
    ...base,
    subjects: r.subjects,
    text: r.text,
    evidence: r.evidence,
    hasReporterIdentity: !!r.sealedReporter && !state.identityErased,
    identityErased: state.identityErased,
    openTasks: [...state.openTasks],
    history,
  };
}

/** Event data for the history, minus what is not for reading there (ciphertext, the deadlines block). */
function historyData(e: StoredEvent): unknown {
  if (e.type === 'TipReceived') return { channel: e.data.channel, category: e.data.category };
  const { deadlines: _d, ...rest } = e.data ?? {};
  return rest;
}
