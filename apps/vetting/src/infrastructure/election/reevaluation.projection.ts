import type { CommandBus } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { In, type EntityManager } from 'typeorm';
import { requireProjectedUpTo, type StoredEvent } from '@lw/eventstore';
import { ROSTER_FACT_EVENTS } from '../../application/roster-port';
import { ReviewNominees } from '../../application/village-election.commands';
import { dossierKey, isDossierApproved } from '../roster/dossier-evaluations';
import { RosterEvaluationRecord } from '../roster/roster-evaluations.entity';
import { NominationRecord } from './nominations.entity';

const FACT_EVENTS = new Set<string>([...ROSTER_FACT_EVENTS, 'AssessmentRecorded']);

const isFactEvent = (e: StoredEvent) => FACT_EVENTS.has(e.type) || isDossierApproved(e);

/** The persons an approved dossier graded negatively: the event names none, the roster's rows (already projected) do. */
async function evaluatedPersonIds(manager: EntityManager, approvals: StoredEvent[]): Promise<string[]> {
  if (approvals.length === 0) return [];
  const rows = await manager.getRepository(RosterEvaluationRecord).find({ select: { personId: true }, where: approvals.map((e) => dossierKey(e.streamId)) });
  return rows.map((r) => r.personId);
}

function personIdsOf(e: StoredEvent): string[] {
  // A correction may also take a person off the grades (graded 不称职 by mistake): re-review them too.
  if (e.type === 'AssessmentRecorded') return [...(e.data.memberGrades ?? []).map((g: { personId: string }) => g.personId), ...(e.data.corrects?.removedPersonIds ?? [])];
  return typeof e.data?.personId === 'string' ? [e.data.personId] : [];
}

/**
 * Re-runs the first review of every open nomination whose person's facts just changed (a new
 * disciplinary record, an appraisal, an assessment grade, an approved dossier's 民主测评 grade…), in
 * the projector's transaction. It reads the roster's and the board's tables, so it waits until both
 * have applied the triggering events.
 */
export function reevaluationHandler(deps: { commands: () => CommandBus; dependsOn: readonly string[] }) {
  return async (events: StoredEvent[], tx: PoolClient, manager: EntityManager | undefined): Promise<void> => {
    if (!manager) throw new Error('election re-evaluation: run it with readModels (kernel.readModels)');
    const relevant = events.filter(isFactEvent);
    if (relevant.length === 0) return;
    const last = relevant[relevant.length - 1];
    for (const name of deps.dependsOn) await requireProjectedUpTo(tx, name, last);
    const approvals = relevant.filter(isDossierApproved);
    const named = relevant.filter((e) => !isDossierApproved(e)).flatMap(personIdsOf);
    const personIds = [...new Set([...named, ...(await evaluatedPersonIds(manager, approvals))])];
    if (personIds.length === 0) return;
    const open = await manager.getRepository(NominationRecord).find({ where: { personId: In(personIds), open: true }, order: { streamId: 'ASC', nomineeId: 'ASC' } });
    const byStream = new Map<string, string[]>();
    for (const r of open) byStream.set(r.streamId, [...(byStream.get(r.streamId) ?? []), r.nomineeId]);
    for (const [streamId, nomineeIds] of byStream) await deps.commands().execute(new ReviewNominees(streamId, nomineeIds, { tx, actor: null, causationId: last.id }));
  };
}
