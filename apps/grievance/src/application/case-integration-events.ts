import { FULL_DIVISION_CODE_LENGTH, newEnvelope, type Actor, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import type { CaseEvent, CaseState } from '../domain';
import { evolveCase } from '../domain';

/**
 * The integration events a batch of case events implies, validated against the contracts. Only names
 * and posts of responsible persons leave the service: no description, no citizen, never a reporter.
 */
export function caseIntegrationEvents(before: CaseState | null, events: readonly CaseEvent[], actor: Actor | null, contracts: ContractRegistry): IntegrationEvent[] {
  const out: IntegrationEvent[] = [];
  let s = before;
  for (const e of events) {
    s = evolveCase(s, e);
    const base = { caseId: s.caseId, villageCode: s.villageCode, townshipCode: s.townshipCode, source: s.source };
    const person = s.responsiblePerson ? { name: s.responsiblePerson.name, post: s.responsiblePerson.post } : null;
    // The envelope names a village only (its ordering key); a township's own case, or one at the
    // county's root, travels county-wide, its place in the payload.
    const village = s.villageCode.length === FULL_DIVISION_CODE_LENGTH ? s.villageCode : null;
    const envelope = (type: string, payload: unknown) => newEnvelope({ type, version: 1, producer: 'grievance', villageCode: village, actor, payload });
    switch (e.type) {
      case 'CaseOpened':
        out.push(
          envelope('grievance.CaseOpened', {
            ...base,
            category: s.category,
            severity: s.severity,
            responsibleUnit: s.responsibleUnit,
            responsiblePerson: person,
            due: s.deadline.due,
            beyondHorizon: s.deadline.beyondHorizon,
            openedAt: e.data.at,
          }),
        );
        break;
      case 'CaseOverdue':
        out.push(
          envelope('grievance.CaseOverdue', {
            ...base,
            due: s.deadline.due,
            overdueAt: e.data.at,
            redCount: e.data.redCount,
            responsibleUnit: s.responsibleUnit,
            responsiblePerson: person,
          }),
        );
        break;
      case 'CaseEscalated':
        out.push(
          envelope('grievance.CaseEscalated', {
            ...base,
            measure: e.data.measure,
            redCount: e.data.redCount,
            responsibleUnit: s.responsibleUnit,
            responsiblePerson: person,
            escalatedAt: e.data.at,
          }),
        );
        break;
      case 'CaseClosed':
        out.push(envelope('grievance.CaseClosed', { caseId: s.caseId, villageCode: s.villageCode, closedAt: e.data.at, source: s.source, summary: e.data.summary }));
        break;
    }
  }
  return out.map((ev) => contracts.validateForPublish(ev));
}
