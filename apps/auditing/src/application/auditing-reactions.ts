import type { PoolClient } from 'pg';
import type { ContractRegistry, ElectionOpenedV1, CaseClosedV1, IntegrationEvent } from '@lw/domain';
import { engagementOfFinding, markRectified, planEngagement } from '../domain/engagement';
import type { EngagementCommands } from './engagement-commands';
import { engagementExists } from './engagement-stream';
import { outgoingAuditScope } from './plan-outgoing-audits';

const HANDLED = new Set(['vetting.ElectionOpened', 'grievance.CaseClosed']);

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
export function auditingReactions(deps: { contracts: ContractRegistry; commands: EngagementCommands; log: ReactionLog }) {
  return async (raw: IntegrationEvent, tx: PoolClient): Promise<void> => {
    if (!HANDLED.has(raw.type)) return;
    const event = deps.contracts.decode(raw);
    if (event.type === 'vetting.ElectionOpened') {
      const p = event.payload as ElectionOpenedV1;
      const c = deps.commands.context();
      let planned = 0;
      for (const village of p.villages) {
        const scope = outgoingAuditScope(p, village, deps.commands.policy);
        if (await engagementExists(tx, scope.engagementId)) continue;
        await deps.commands.create(planEngagement(scope, c), event.actor, tx, { checkScope: false });
        planned++;
      }
      deps.log.info({ electionId: p.electionId, villages: p.villages.length, planned }, 'outgoing audits planned');
      return;
    }
    const p = event.payload as CaseClosedV1;
    if (p.source.kind !== 'audit' || !p.source.ref) return;
    const engagementId = engagementOfFinding(p.source.ref);
    if (!engagementId || !(await engagementExists(tx, engagementId))) {
      deps.log.warn({ caseId: p.caseId, findingId: p.source.ref }, 'grievance case closed for a finding this service does not know; ignored');
      return;
    }
    await deps.commands.run(engagementId, null, (s, c) => (s.findings.has(p.source.ref!) ? markRectified(s, p.source.ref!, p.caseId, c) : []), { tx });
  };
}
