import type { PoolClient } from 'pg';
import type { EventStore, StoredEvent } from '@lw/eventstore';
import type { TipDeadline, TipState } from '../../domain';
import { currentDeadline } from '../../domain';
import { foldStoredTip, tipStreamId } from '../../application/tip-stream';

const DEADLINE_EVENTS = new Set(['TipReceived', 'TipAccepted', 'DeadlineExtended', 'TipConcluded', 'RectificationClosed']);

export interface TipListDeps {
  store: EventStore;
  townshipOf: (villageCode: string) => string | null;
  /** Called with the time limits an event started, to schedule their reminders (idempotent). */
  scheduleDeadlines: (tipId: string, deadlines: TipDeadline[]) => Promise<void>;
}

/**
 * Feeds tip_list from the tip streams. Each tip touched by a batch is rebuilt from its whole stream
 * (tip streams are short), so the row is right whatever order or repetition the batch brings.
 */
export function tipListProjection(deps: TipListDeps) {
  return async (events: StoredEvent[], tx: PoolClient): Promise<void> => {
    const tips = new Set<string>();
    for (const e of events) {
      if (!e.streamId.startsWith('tip-')) continue;
      const tipId = e.streamId.slice(4);
      tips.add(tipId);
      if (DEADLINE_EVENTS.has(e.type)) {
        const deadlines: TipDeadline[] = e.type === 'DeadlineExtended' ? [e.data.deadline] : (e.data.deadlines ?? []);
        if (deadlines.length) await deps.scheduleDeadlines(tipId, deadlines);
      }
    }
    // Read in the projection's own transaction: waiting for a second pool connection while holding one can exhaust the pool.
    const streams = await deps.store.readStreams([...tips].map(tipStreamId), tx);
    for (const tipId of tips) {
      const { state, version } = foldStoredTip(tipId, streams.get(tipStreamId(tipId)) ?? []);
      await upsert(tx, state, version, deps.townshipOf);
    }
  };
}

function nextDeadline(state: TipState) {
  const open = state.deadlines
    .filter((d) => !d.superseded && !d.metAt && state.status !== 'closed')
    .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt));
  return open[0] ?? null;
}

async function upsert(tx: PoolClient, s: TipState, version: number, townshipOf: (v: string) => string | null): Promise<void> {
  const r = s.received;
  const next = nextDeadline(s);
  const conclusion = currentDeadline(s, 'conclusion');
  // Only a real conclusion counts (a repeat's feedback meets its limit but concludes nothing).
  const withinLimit = s.concludedAt && conclusion?.metAt ? Date.parse(conclusion.metAt) <= Date.parse(conclusion.endsAt) : null;
  const label = r.subjects.map((x) => (x.kind === 'person' ? `${x.name}${x.post ? `（${x.post}）` : ''}` : x.villageCode)).join('、');
  await tx.query(
    `INSERT INTO tip_list (tip_id, version, status, channel, category, category_group, village_code, township_code, subjects_label,
        anonymous, election_related, objection, repeat_of, repeat_count, regime, unit_code, unit_name, finding, false_accusation,
        received_at, accepted_at, concluded_at, closed_at, concluded_within_limit, next_deadline_kind, next_deadline_at,
        next_deadline_due, overdue_flagged, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28, now())
     ON CONFLICT (tip_id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, township_code = EXCLUDED.township_code,
        repeat_count = EXCLUDED.repeat_count, unit_code = EXCLUDED.unit_code, unit_name = EXCLUDED.unit_name, finding = EXCLUDED.finding,
        false_accusation = EXCLUDED.false_accusation, accepted_at = EXCLUDED.accepted_at, concluded_at = EXCLUDED.concluded_at,
        closed_at = EXCLUDED.closed_at, concluded_within_limit = EXCLUDED.concluded_within_limit,
        next_deadline_kind = EXCLUDED.next_deadline_kind, next_deadline_at = EXCLUDED.next_deadline_at,
        next_deadline_due = EXCLUDED.next_deadline_due, overdue_flagged = EXCLUDED.overdue_flagged, updated_at = now()
     WHERE tip_list.version <= EXCLUDED.version`,
    [
      r.tipId,
      version,
      s.status,
      r.channel,
      r.category,
      r.group,
      r.villageCode,
      r.villageCode ? townshipOf(r.villageCode) : null,
      label,
      r.anonymous,
      r.electionRelated,
      r.objection !== null,
      r.repeatOf,
      s.repeats.length,
      r.regime,
      s.unit?.code ?? null,
      s.unit?.name ?? null,
      s.finding,
      s.falseAccusation,
      r.receivedAt,
      s.acceptedAt,
      s.concludedAt,
      s.closedAt,
      withinLimit,
      next?.kind ?? null,
      next?.endsAt ?? null,
      next?.due ?? null,
      s.deadlines.some((d) => !d.superseded && !d.metAt && d.overdue),
    ],
  );
}
