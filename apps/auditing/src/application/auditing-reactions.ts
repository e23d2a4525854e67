import type { CommandBus } from '@nestjs/cqrs';
import type { ContractRegistry } from '@lw/domain';
import { reactionsTo, type Consumption } from '@lw/messaging';
import { MarkFindingRectified, PlanOutgoingAudits } from './engagement.commands';

export interface ReactionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * How auditing reacts to its neighbours, inside the inbox transaction: an opened election plans one
 * outgoing audit per village (the engagement id is derived from election and village, so a
 * redelivery under another event id plans nothing new); a closed grievance case that came from one
 * of our findings marks it rectified.
 */
export function auditingReactions(deps: { contracts: ContractRegistry; commands: () => CommandBus; log: ReactionLog }): Consumption {
  return reactionsTo(
    {
      'vetting.ElectionOpened': async (election, event, tx) => {
        const planned = await deps.commands().execute(new PlanOutgoingAudits(election, { tx, actor: event.actor, causationId: event.id }));
        deps.log.info({ electionId: election.electionId, villages: election.villages.length, planned }, 'outgoing audits planned');
      },
      'grievance.CaseClosed': async (closed, event, tx) => {
        if (closed.source.kind !== 'audit' || !closed.source.ref) return;
        const known = await deps.commands().execute(new MarkFindingRectified(closed.source.ref, closed.caseId, { tx, actor: event.actor, causationId: event.id }));
        if (!known) deps.log.warn({ caseId: closed.caseId, findingId: closed.source.ref }, 'grievance case closed for a finding this service does not know; ignored');
      },
    },
    deps.contracts,
  );
}
