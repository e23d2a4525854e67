import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { EventStore, StoredEvent } from '@lw/eventstore';
import type { TipDeadline, TipState } from '../../domain';
import { currentDeadline } from '../../domain';
import { storedTip, tipStreamId } from '../../application/tip-stream';
import { TipListRecord } from './tip-list.entity';

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
 * Run with readModels: the rows are written through the batch's EntityManager, in the checkpoint's transaction.
 */
export function tipListProjection(deps: TipListDeps) {
  return async (events: StoredEvent[], tx: PoolClient, manager: EntityManager | undefined): Promise<void> => {
    if (!manager) throw new Error('tip-list projection: run it with readModels (kernel.readModels)');
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
    const rows = [...tips].map((tipId) => {
      const { state, version } = storedTip(tipId, streams.get(tipStreamId(tipId)) ?? []);
      return tipRow(state, version, deps.townshipOf);
    });
    await save(manager, rows);
  };
}

function nextDeadline(state: TipState) {
  const open = state.deadlines
    .filter((d) => !d.superseded && !d.metAt && state.status !== 'closed')
    .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt));
  return open[0] ?? null;
}

/** Columns a rebuild may change (the rest are fixed at receipt). */
const REBUILT = [
  'version',
  'status',
  'township_code',
  'repeat_count',
  'unit_code',
  'unit_name',
  'finding',
  'false_accusation',
  'accepted_at',
  'concluded_at',
  'closed_at',
  'concluded_within_limit',
  'next_deadline_kind',
  'next_deadline_at',
  'next_deadline_due',
  'overdue_flagged',
  'updated_at',
];

/** Upserts the rebuilt rows; a row already built from a later version stays. updated_at takes its default, now(). */
async function save(manager: EntityManager, rows: Omit<TipListRecord, 'updatedAt'>[]): Promise<void> {
  if (rows.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(TipListRecord)
    .values(rows)
    .orUpdate(REBUILT, ['tip_id'], { overwriteCondition: { where: 'tip_list.version <= EXCLUDED.version' } })
    .updateEntity(false)
    .execute();
}

const dateOf = (at: string | null) => (at === null ? null : new Date(at));

function tipRow(s: TipState, version: number, townshipOf: (v: string) => string | null): Omit<TipListRecord, 'updatedAt'> {
  const r = s.received;
  const next = nextDeadline(s);
  const conclusion = currentDeadline(s, 'conclusion');
  // Only a real conclusion counts (a repeat's feedback meets its limit but concludes nothing).
  const withinLimit = s.concludedAt && conclusion?.metAt ? Date.parse(conclusion.metAt) <= Date.parse(conclusion.endsAt) : null;
  const label = r.subjects.map((x) => (x.kind === 'person' ? `${x.name}${x.post ? `（${x.post}）` : ''}` : x.villageCode)).join('、');
  return {
    tipId: r.tipId,
    version,
    status: s.status,
    channel: r.channel,
    category: r.category,
    categoryGroup: r.group,
    villageCode: r.villageCode,
    townshipCode: r.villageCode ? townshipOf(r.villageCode) : null,
    subjectsLabel: label,
    anonymous: r.anonymous,
    electionRelated: r.electionRelated,
    objection: r.objection !== null,
    repeatOf: r.repeatOf,
    repeatCount: s.repeats.length,
    regime: r.regime,
    unitCode: s.unit?.code ?? null,
    unitName: s.unit?.name ?? null,
    finding: s.finding,
    falseAccusation: s.falseAccusation,
    receivedAt: new Date(r.receivedAt),
    acceptedAt: dateOf(s.acceptedAt),
    concludedAt: dateOf(s.concludedAt),
    closedAt: dateOf(s.closedAt),
    concludedWithinLimit: withinLimit,
    nextDeadlineKind: next?.kind ?? null,
    nextDeadlineAt: dateOf(next?.endsAt ?? null),
    nextDeadlineDue: next?.due ?? null,
    overdueFlagged: s.deadlines.some((d) => !d.superseded && !d.metAt && d.overdue),
  };
}
