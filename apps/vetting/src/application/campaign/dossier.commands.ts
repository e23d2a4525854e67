import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainConflictError, type Actor } from '@lw/domain';
import { decideAndAppend, type CommandContext } from '@lw/eventstore';
import { evolveDossier, type Commitment, type DossierEvent, type DossierSection, type DossierState } from '../../domain/campaign';
import {
  acceptProblems,
  approveDossier,
  closeProblem,
  issueFeedback,
  recordCommitments,
  returnDossier,
  saveSection,
  submitDossier,
  type DossierContext,
} from '../../domain/campaign/dossier.decisions';
import { CampaignAccess } from './campaign-access';
import { CampaignDeps } from './campaign-deps';
import { problemsAcceptedEvent } from './campaign-integration-event';
import { CampaignPackCatalog } from './campaign-pack-catalog';
import { dossierStream } from './campaign-streams';

/** A dossier's events fold with a snapshot every 50: a village's autosaves add up over a campaign. */
export const DOSSIER_DECIDER = { evolve: evolveDossier, snapshot: { schemaVersion: 1, every: 50 } };

type Where = { campaignId: string; subjectCode: string };

abstract class DossierStep extends Command<{ version: number }> {
  constructor(readonly actor: Actor, readonly where: Where) {
    super();
  }
}

/** One section saved whole, as the form shows it (an identical save writes nothing). */
export class SaveDossierSection extends DossierStep {
  constructor(actor: Actor, where: Where, readonly section: DossierSection, readonly content: unknown) {
    super(actor, where);
  }
}
export class SubmitDossier extends DossierStep {}
export class ApproveDossier extends DossierStep {
  constructor(actor: Actor, where: Where, readonly comment: string) {
    super(actor, where);
  }
}
export class ReturnDossier extends DossierStep {
  constructor(actor: Actor, where: Where, readonly reason: string) {
    super(actor, where);
  }
}
export class IssueFeedback extends DossierStep {
  constructor(actor: Actor, where: Where, readonly letterNo: string) {
    super(actor, where);
  }
}
export class RecordCommitments extends DossierStep {
  constructor(actor: Actor, where: Where, readonly commitments: Commitment[]) {
    super(actor, where);
  }
}
/** Accepted problems become cases in grievance (vetting.CampaignProblemsAccepted, same transaction). */
export class AcceptProblems extends DossierStep {
  constructor(actor: Actor, where: Where, readonly problemIds: string[]) {
    super(actor, where);
  }
}

/** Grievance closed (销号) a problem's case: a reaction's step, inside the inbox transaction. */
export class CloseCampaignProblem extends Command<void> {
  constructor(readonly where: Where & { problemId: string; caseId: string; closedAt: string }, readonly caller: Required<Pick<CommandContext, 'tx'>> & CommandContext) {
    super();
  }
}

/**
 * The one loop of a dossier's commands: the campaign and the subject reachable by the actor, the
 * campaign's pack, the decision, read-your-writes.
 */
@Injectable()
export class DossierWriter {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
  ) {}

  async run(step: DossierStep, decide: (s: DossierState | null, subject: { kind: 'village' | 'township'; code: string }, c: DossierContext) => { events: DossierEvent[]; integration?: (after: DossierState) => ReturnType<typeof problemsAcceptedEvent> }): Promise<{ version: number }> {
    const { actor, where } = step;
    const campaign = await this.access.campaign(actor, where.campaignId, 'see');
    const subject = this.access.subject(actor, campaign, where.subjectCode);
    const pack = await this.packs.require(campaign.pack.id, campaign.pack.version);
    const { version, txId } = await decideAndAppend(
      this.deps.store,
      DOSSIER_DECIDER,
      dossierStream(campaign.campaignId, subject.code),
      ({ state }) => {
        const { events, integration } = decide(state, subject, { now: this.deps.now(), by: actor.userId, pack, campaign });
        const after = events.reduce<DossierState | null>((s, e) => evolveDossier(s, e), state);
        return { events, integrationEvents: integration && after && events.length ? integration(after) : [] };
      },
      { actor },
    );
    await this.deps.readYourWrites(txId);
    return { version };
  }
}

const existing = (s: DossierState | null): DossierState => {
  if (!s) throw new DomainConflictError('dossier.not_opened', '该档案尚未填写', 'dossier has no events');
  return s;
};

@Injectable()
@CommandHandler(SaveDossierSection)
export class SaveDossierSectionHandler implements ICommandHandler<SaveDossierSection> {
  constructor(private readonly writer: DossierWriter) {}
  execute(c: SaveDossierSection) {
    return this.writer.run(c, (s, subject, ctx) => ({ events: saveSection(s, subject, c.section, c.content, ctx) }));
  }
}

@Injectable()
@CommandHandler(SubmitDossier)
export class SubmitDossierHandler implements ICommandHandler<SubmitDossier> {
  constructor(private readonly writer: DossierWriter) {}
  execute(c: SubmitDossier) {
    return this.writer.run(c, (s, _subject, ctx) => ({ events: submitDossier(existing(s), ctx) }));
  }
}

@Injectable()
@CommandHandler(ApproveDossier)
export class ApproveDossierHandler implements ICommandHandler<ApproveDossier> {
  constructor(private readonly writer: DossierWriter) {}
  execute(c: ApproveDossier) {
    return this.writer.run(c, (s, _subject, ctx) => ({ events: approveDossier(existing(s), c.comment, ctx) }));
  }
}

@Injectable()
@CommandHandler(ReturnDossier)
export class ReturnDossierHandler implements ICommandHandler<ReturnDossier> {
  constructor(private readonly writer: DossierWriter) {}
  execute(c: ReturnDossier) {
    return this.writer.run(c, (s, _subject, ctx) => ({ events: returnDossier(existing(s), c.reason, ctx) }));
  }
}

@Injectable()
@CommandHandler(IssueFeedback)
export class IssueFeedbackHandler implements ICommandHandler<IssueFeedback> {
  constructor(private readonly writer: DossierWriter) {}
  execute(c: IssueFeedback) {
    return this.writer.run(c, (s, _subject, ctx) => ({ events: issueFeedback(existing(s), c.letterNo, ctx) }));
  }
}

@Injectable()
@CommandHandler(RecordCommitments)
export class RecordCommitmentsHandler implements ICommandHandler<RecordCommitments> {
  constructor(private readonly writer: DossierWriter) {}
  execute(c: RecordCommitments) {
    return this.writer.run(c, (s, _subject, ctx) => ({ events: recordCommitments(existing(s), c.commitments, ctx) }));
  }
}

@Injectable()
@CommandHandler(AcceptProblems)
export class AcceptProblemsHandler implements ICommandHandler<AcceptProblems> {
  constructor(
    private readonly writer: DossierWriter,
    private readonly deps: CampaignDeps,
  ) {}
  execute(c: AcceptProblems) {
    return this.writer.run(c, (s, _subject, ctx) => {
      const events = acceptProblems(existing(s), c.problemIds, ctx);
      const accepted = events.flatMap((e) => (e.type === 'ProblemsAccepted' ? [e.data] : []));
      return {
        events,
        integration: (after) => accepted.flatMap((a) => problemsAcceptedEvent(ctx.campaign, after, a.problemIds, a.at, c.actor, this.deps.contracts)),
      };
    });
  }
}

@Injectable()
@CommandHandler(CloseCampaignProblem)
export class CloseCampaignProblemHandler implements ICommandHandler<CloseCampaignProblem> {
  constructor(private readonly deps: CampaignDeps) {}

  // No scope check and no read-your-writes: grievance already closed the case; this runs in the inbox transaction.
  async execute({ where, caller }: CloseCampaignProblem): Promise<void> {
    await decideAndAppend(
      this.deps.store,
      DOSSIER_DECIDER,
      dossierStream(where.campaignId, where.subjectCode),
      ({ state }) => (state ? closeProblem(state, { problemId: where.problemId, caseId: where.caseId, closedAt: where.closedAt }) : []),
      caller,
    );
  }
}

export const DOSSIER_COMMAND_HANDLERS = [
  SaveDossierSectionHandler,
  SubmitDossierHandler,
  ApproveDossierHandler,
  ReturnDossierHandler,
  IssueFeedbackHandler,
  RecordCommitmentsHandler,
  AcceptProblemsHandler,
  CloseCampaignProblemHandler,
];
