import { v5 as uuidv5 } from 'uuid';
import type { PoolClient } from 'pg';
import { DomainNotFoundError, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import { recordRectificationClosed } from '../domain';
import type { SubmitTip } from './submit-tip';
import type { TipCommands } from './tip-commands';
import type { TipIndexes } from './tip-indexes.port';

/** Namespace of tip ids derived from auditing transfer ids: a redelivered transfer names the same tip. */
const AUDIT_TIP_NAMESPACE = '6f1d3c1e-5b0a-4f4e-9a55-7c1b3e2d9f10';

export const CONSUMED_TYPES = [
  'vetting.PublicNoticeStarted',
  'vetting.PublicNoticeEnded',
  'grievance.CaseClosed',
  'auditing.ViolationTransferred',
] as const;

export interface ReactionDeps {
  contracts: ContractRegistry;
  indexes: TipIndexes;
  submit: SubmitTip;
  commands: TipCommands;
  tipExists: (tipId: string) => Promise<boolean>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * How the tip-line reacts to its neighbours (process manager). Runs inside the inbox transaction, so
 * each event's effect happens once. Events of types it does not handle are ignored: neighbours may
 * publish more than the tip-line needs, or run newer versions.
 */
export function tiplineReactions(deps: ReactionDeps) {
  const handled = new Set<string>(CONSUMED_TYPES);
  return async (raw: IntegrationEvent, tx: PoolClient): Promise<void> => {
    if (!handled.has(raw.type)) return;
    const event = deps.contracts.decode(raw) as IntegrationEvent<any>;
    const p = event.payload;
    switch (event.type) {
      case 'vetting.PublicNoticeStarted':
        await deps.indexes.saveNotice(tx, {
          noticeId: p.noticeId,
          villageCode: p.villageCode,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          candidates: p.candidates.map((c: { candidateId: string; name: string; citizenId?: string; post?: string }) => ({
            candidateId: c.candidateId,
            name: c.name,
            citizenId: c.citizenId ?? null,
            post: c.post ?? null,
          })),
        });
        return;
      case 'vetting.PublicNoticeEnded':
        await deps.indexes.endNotice(tx, p.noticeId, p.endedOn);
        return;
      case 'grievance.CaseClosed':
        if (p.source?.kind !== 'tip' || !p.source.ref) return;
        try {
          await deps.commands.run(p.source.ref, null, (s, c) => recordRectificationClosed(s, p.caseId, c), { tx });
        } catch (err) {
          if (!(err instanceof DomainNotFoundError)) throw err;
          deps.log.warn({ caseId: p.caseId, tipId: p.source.ref }, 'grievance case closed for a tip this service does not know; ignored');
        }
        return;
      case 'auditing.ViolationTransferred': {
        const tipId = uuidv5(p.transferId, AUDIT_TIP_NAMESPACE);
        // The same transfer under another event id (a producer's retry): the tip exists already.
        if (await deps.tipExists(tipId)) return;
        await deps.submit.execute(
            {
              tipId,
              channel: 'audit',
              category: p.category,
              subjects: [
                ...p.responsiblePersons.map((r: { name: string; post?: string | null }) => ({
                  kind: 'person' as const,
                  name: r.name,
                  post: r.post ?? null,
                  citizenId: null,
                  villageCode: p.villageCode,
                })),
                { kind: 'village' as const, villageCode: p.villageCode },
              ],
              text: p.amount ? `${p.description}\n涉及金额：${p.amount} 元` : p.description,
              anonymous: true,
              reporter: null,
              files: [],
              origin: { auditTransferId: p.transferId, auditFindingId: p.findingId },
              issueReceipt: false,
            },
            event.actor,
            { tx },
          );
        return;
      }
    }
  };
}
