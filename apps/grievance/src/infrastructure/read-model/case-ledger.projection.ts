import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { EventStore, StoredEvent } from '@lw/eventstore';
import { deadlineOf, evolveCase, type CaseDeadline, type CaseState } from '../../domain';
import { toCaseEvent } from '../../application/case-stream';
import { CaseLedgerRecord } from './case-ledger.entity';

export interface CaseLedgerDeps {
  store: EventStore;
  /** Schedules the light jobs of a limit an event started (idempotent ids), inside the projection's transaction. */
  scheduleLights: (caseId: string, deadline: CaseDeadline, tx: PoolClient) => Promise<void>;
}

/** Rows per INSERT, well below PostgreSQL's 65535 parameters (30 columns each). */
const ROWS_PER_INSERT = 1000;

/**
 * Feeds case_ledger from the case streams, through the EntityManager of the projection's transaction
 * (the checkpoint's). Each case a batch touches is rebuilt from its whole stream (cases are short),
 * so the row is right whatever order or repetition the batch brings; the streams are read in that
 * same transaction, and the light jobs are scheduled in it too (a rolled-back batch schedules nothing).
 */
export function caseLedgerProjection(deps: CaseLedgerDeps) {
  return async (events: StoredEvent[], tx: PoolClient, manager: EntityManager | undefined): Promise<void> => {
    if (!manager) throw new Error('case-ledger projection: run it with readModels (kernel.readModels)');
    const touched = new Set<string>();
    for (const e of events) {
      if (!e.streamId.startsWith('case-')) continue;
      touched.add(e.streamId);
      const deadline = deadlineOf(toCaseEvent(e));
      if (deadline) await deps.scheduleLights(e.streamId.slice(5), deadline, tx);
    }
    if (touched.size === 0) return;
    const rows = [...(await deps.store.readStreams([...touched], tx)).values()].map((stream) =>
      ledgerRecord(
        stream.reduce<CaseState | null>((s, e) => evolveCase(s, toCaseEvent(e)), null)!,
        stream[stream.length - 1].streamVersion,
      ),
    );
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await upsert(manager, rows.slice(i, i + ROWS_PER_INSERT));
  };
}

async function upsert(manager: EntityManager, rows: Omit<CaseLedgerRecord, 'updatedAt'>[]): Promise<void> {
  // Every column but the key is rebuilt.
  const rebuilt = manager.connection.getMetadata(CaseLedgerRecord).nonVirtualColumns.filter((c) => !c.isPrimary).map((c) => c.databaseName);
  await manager
    .createQueryBuilder()
    .insert()
    .into(CaseLedgerRecord)
    .values(rows.map((r) => ({ ...r, updatedAt: () => 'now()' })))
    .orUpdate(rebuilt, ['case_id'], { overwriteCondition: { where: 'case_ledger.version <= EXCLUDED.version' } })
    .updateEntity(false)
    .execute();
}

const dateOf = (at: string | null | undefined) => (at ? new Date(at) : null);

/** One ledger row from a case's state. */
function ledgerRecord(s: CaseState, version: number): Omit<CaseLedgerRecord, 'updatedAt'> {
  const last = s.notes[s.notes.length - 1];
  return {
    caseId: s.caseId,
    version,
    status: s.status,
    villageCode: s.villageCode,
    townshipCode: s.townshipCode,
    sourceKind: s.source.kind,
    sourceRef: s.source.ref,
    category: s.category,
    severity: s.severity,
    description: s.description,
    measures: s.measures,
    responsibleUnit: s.responsibleUnit,
    responsibleName: s.responsiblePerson?.name ?? null,
    responsiblePost: s.responsiblePerson?.post ?? null,
    directlyResponsible: s.directlyResponsible.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、'),
    deadlineStart: s.deadline.startOn,
    deadlineDue: s.deadline.due,
    deadlineEndsAt: new Date(s.deadline.endsAt),
    yellowAt: new Date(s.deadline.yellowAt),
    beyondHorizon: s.deadline.beyondHorizon,
    redCount: s.redCount,
    escalations: s.escalations.length,
    lastEscalation: s.escalations[s.escalations.length - 1]?.measure ?? null,
    latestProgress: last?.text ?? null,
    latestProgressAt: dateOf(last?.at),
    appliedAt: dateOf(s.application?.at),
    closedAt: dateOf(s.closedAt),
    closedOnTime: s.status === 'closed' ? Date.parse(s.application?.at ?? s.closedAt!) < Date.parse(s.deadline.endsAt) : null,
    reopenCount: s.reopenCount,
    openedAt: new Date(s.openedAt),
  };
}
