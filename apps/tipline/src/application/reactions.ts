import type { CommandBus } from '@nestjs/cqrs';
import { DomainNotFoundError, integrationContracts } from '@lw/domain';
import { reactionsTo, type Consumption } from '@lw/messaging';
import { EndPublicNotice, RecordPublicNotice } from './public-notice.commands';
import { RecordRectificationClosed } from './tip.commands';
import { RegisterAuditTransfer } from './tip-submission.commands';

export interface ReactionDeps {
  commands: () => CommandBus;
  log: { warn(obj: object, msg: string): void };
}

/**
 * How the tip-line reacts to its neighbours (process manager): each event becomes a command, run
 * inside the inbox transaction (so its effect happens once) and caused by the event.
 */
export function tiplineReactions(deps: ReactionDeps): Consumption {
  return reactionsTo(
    {
      'vetting.PublicNoticeStarted': async (p, _event, tx) => {
        await deps.commands().execute(new RecordPublicNotice(p, tx));
      },
      'vetting.PublicNoticeEnded': async (p, _event, tx) => {
        await deps.commands().execute(new EndPublicNotice(p.noticeId, p.endedOn, tx));
      },
      'grievance.CaseClosed': async (p, event, tx) => {
        if (p.source.kind !== 'tip' || !p.source.ref) return;
        try {
          await deps.commands().execute(new RecordRectificationClosed(p.source.ref, p.caseId, tx, event.id));
        } catch (err) {
          if (!(err instanceof DomainNotFoundError)) throw err;
          deps.log.warn({ caseId: p.caseId, tipId: p.source.ref }, 'grievance case closed for a tip this service does not know; ignored');
        }
      },
      'auditing.ViolationTransferred': async (p, event, tx) => {
        await deps.commands().execute(new RegisterAuditTransfer(p, event.actor, tx, event.id));
      },
    },
    integrationContracts(),
  );
}
