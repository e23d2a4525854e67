import type { PoolClient } from 'pg';
import type { EventStore, StoredEvent } from '@lw/eventstore';
import { deadlineOf, type CaseDeadline, type CaseState } from '../../domain';
import { loadCase, toCaseEvent } from '../../application/case-stream';

export interface CaseLedgerDeps {
  store: EventStore;
  /** Schedules the light jobs of a limit an event started (idempotent ids). */
  scheduleLights: (caseId: string, deadline: CaseDeadline) => Promise<void>;
}

/**
 * Feeds case_ledger from the case streams. Each case touched by a batch is rebuilt from its whole
 * stream (cases are short), so the row is right whatever order or repetition the batch brings.
 */
export function caseLedgerProjection(deps: CaseLedgerDeps) {
  return async (events: StoredEvent[], tx: PoolClient): Promise<void> => {
    const cases = new Set<string>();
    for (const e of events) {
      if (!e.streamId.startsWith('case-')) continue;
      const caseId = e.streamId.slice(5);
      cases.add(caseId);
      const deadline = deadlineOf(toCaseEvent(e));
      if (deadline) await deps.scheduleLights(caseId, deadline);
    }
    for (const caseId of cases) {
      const { state, version } = await loadCase(deps.store, caseId, tx);
      await upsertLedgerRow(tx, state, version);
    }
  };
}

/** One ledger row from a case's state (also used by the benchmark to fill a large ledger). */
export function ledgerRowValues(s: CaseState, version: number): unknown[] {
  const last = s.notes[s.notes.length - 1];
  const lastEscalation = s.escalations[s.escalations.length - 1];
  return [
    s.caseId,
    version,
    s.status,
    s.villageCode,
    s.townshipCode,
    s.source.kind,
    s.source.ref,
    s.category,
    s.severity,
    s.description,
    s.measures,
    s.responsibleUnit,
    s.responsiblePerson?.name ?? null,
    s.responsiblePerson?.post ?? null,
    s.directlyResponsible.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、'),
    s.deadline.startOn,
    s.deadline.due,
    s.deadline.endsAt,
    s.deadline.yellowAt,
    s.deadline.beyondHorizon,
    s.redCount,
    s.escalations.length,
    lastEscalation?.measure ?? null,
    last?.text ?? null,
    last?.at ?? null,
    s.application?.at ?? null,
    s.closedAt,
    s.status === 'closed' ? Date.parse(s.application?.at ?? s.closedAt!) < Date.parse(s.deadline.endsAt) : null,
    s.reopenCount,
    s.openedAt,
  ];
}

export const LEDGER_COLUMNS =
  'case_id, version, status, village_code, township_code, source_kind, source_ref, category, severity, description, measures, responsible_unit, responsible_name, responsible_post, directly_responsible, deadline_start, deadline_due, deadline_ends_at, yellow_at, beyond_horizon, red_count, escalations, last_escalation, latest_progress, latest_progress_at, applied_at, closed_at, closed_on_time, reopen_count, opened_at';

const UPDATE_SET = LEDGER_COLUMNS.split(', ')
  .filter((c) => c !== 'case_id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

async function upsertLedgerRow(tx: PoolClient, s: CaseState, version: number): Promise<void> {
  const values = ledgerRowValues(s, version);
  const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
  await tx.query(
    `INSERT INTO case_ledger (${LEDGER_COLUMNS}) VALUES (${placeholders})
     ON CONFLICT (case_id) DO UPDATE SET ${UPDATE_SET}, updated_at = now() WHERE case_ledger.version <= EXCLUDED.version`,
    values,
  );
}
