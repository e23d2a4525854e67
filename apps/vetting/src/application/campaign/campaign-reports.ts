import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainConflictError, DomainNotFoundError, shanghaiDateOf, type Actor } from '@lw/domain';
import { decideAndAppend, loadAggregate } from '@lw/eventstore';
import { type CampaignState, type DossierState } from '../../domain/campaign';
import { campaignFigures, type CampaignFigures } from '../../domain/campaign/campaign-figures';
import { campaignReport } from '../../domain/campaign/campaign-report';
import { feedbackLetter } from '../../domain/campaign/feedback-letter';
import type { ReportDraft } from '../../domain/campaign/report-draft';
import { CampaignAccess } from './campaign-access';
import { CampaignDeps } from './campaign-deps';
import { CampaignPackCatalog } from './campaign-pack-catalog';
import { CampaignReadModel } from './campaign-read-model.port';
import { campaignReportStream, CAMPAIGN_DECIDER, campaignStream, dossierStream } from './campaign-streams';
import { DOSSIER_DECIDER } from './dossier.commands';

/** A report version as frozen: the draft and the figures it was written from, attributed. */
export interface FrozenReport {
  version: number;
  draft: ReportDraft;
  figures: CampaignFigures;
  at: string;
  by: string | null;
  /** The author's display name when frozen (the list shows it; versions frozen before it have none). */
  byName?: string | null;
}

interface CampaignReportFrozen {
  type: 'CampaignReportFrozen';
  data: FrozenReport;
}

const REPORTS = { evolve: (s: FrozenReport[] | null, e: CampaignReportFrozen) => [...(s ?? []), e.data] };

/** Freezes the report draft of the campaign's approved dossiers as its next version (stream `campaignreport-<id>`). */
export class FreezeCampaignReport extends Command<{ version: number }> {
  /** `byName`: the actor's display name (the session's), kept with the version so the list needs no user lookup. */
  constructor(readonly actor: Actor, readonly campaignId: string, readonly byName: string | null = null) {
    super();
  }
}

export class CampaignReports extends Query<{ version: number; at: string; by: string | null; byName: string | null }[]> {
  constructor(readonly actor: Actor, readonly campaignId: string) {
    super();
  }
}

export class CampaignReportOf extends Query<FrozenReport> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly version: number) {
    super();
  }
}

/** The feedback letter (反馈意见函) of an approved dossier whose letter has been issued, as a draft for Word. */
export class FeedbackLetterOf extends Query<{ draft: ReportDraft; fileName: string }> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly subjectCode: string) {
    super();
  }
}

@Injectable()
@CommandHandler(FreezeCampaignReport)
export class FreezeCampaignReportHandler implements ICommandHandler<FreezeCampaignReport> {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
    private readonly readModel: CampaignReadModel,
  ) {}

  async execute({ actor, campaignId, byName }: FreezeCampaignReport): Promise<{ version: number }> {
    const campaign = await this.access.campaign(actor, campaignId, 'organise');
    const pack = await this.packs.require(campaign.pack.id, campaign.pack.version);
    const dossiers = (await this.readModel.dossiers(campaignId)).filter((d) => d.status === 'approved');
    const figures = campaignFigures({ campaign, pack, dossiers, approvedOnly: true });
    const previous = await this.previousFigures(campaign);
    const now = this.deps.now();
    const draft = campaignReport({ campaign, pack, dossiers, figures, previous, nameOf: (code) => this.access.nameOf(code), unit: unitOf(this.access.nameOf(campaign.scope)), date: shanghaiDateOf(now) });
    const { state } = await decideAndAppend(
      this.deps.store,
      REPORTS,
      campaignReportStream(campaignId),
      ({ state: frozen }) => [{ type: 'CampaignReportFrozen' as const, data: { version: (frozen?.length ?? 0) + 1, draft, figures, at: now.toISOString(), by: actor.userId, byName } }],
      { actor },
    );
    return { version: state?.length ?? 0 };
  }

  /** 比上届: the previous campaign's figures over its approved dossiers, when the plan names one. */
  private async previousFigures(campaign: CampaignState): Promise<CampaignFigures | null> {
    if (!campaign.previousCampaignId) return null;
    const { state: previous } = await loadAggregate(this.deps.store, CAMPAIGN_DECIDER, campaignStream(campaign.previousCampaignId));
    if (!previous) return null;
    const pack = await this.packs.require(previous.pack.id, previous.pack.version);
    const dossiers = (await this.readModel.dossiers(previous.campaignId)).filter((d) => d.status === 'approved');
    return campaignFigures({ campaign: previous, pack, dossiers, approvedOnly: true });
  }
}

/** The signing unit of a campaign's documents: the party committee of its scope (中共××镇委员会 is the clerk's to fix in Word). */
function unitOf(scopeName: string): string {
  return `中共${scopeName}委员会`;
}

@Injectable()
@QueryHandler(CampaignReports)
export class CampaignReportsHandler implements IQueryHandler<CampaignReports> {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
  ) {}

  async execute({ actor, campaignId }: CampaignReports) {
    await this.access.campaign(actor, campaignId, 'organise');
    const { state } = await loadAggregate(this.deps.store, REPORTS, campaignReportStream(campaignId));
    return (state ?? []).map(({ version, at, by, byName }) => ({ version, at, by, byName: byName ?? null }));
  }
}

@Injectable()
@QueryHandler(CampaignReportOf)
export class CampaignReportOfHandler implements IQueryHandler<CampaignReportOf> {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
  ) {}

  async execute({ actor, campaignId, version }: CampaignReportOf): Promise<FrozenReport> {
    await this.access.campaign(actor, campaignId, 'organise');
    const { state } = await loadAggregate(this.deps.store, REPORTS, campaignReportStream(campaignId));
    const report = state?.find((r) => r.version === version);
    if (!report) throw new DomainNotFoundError('campaign.report_unknown', `报告第${version}版不存在`, `report ${campaignId}@${version} unknown`);
    return report;
  }
}

@Injectable()
@QueryHandler(FeedbackLetterOf)
export class FeedbackLetterOfHandler implements IQueryHandler<FeedbackLetterOf> {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
  ) {}

  async execute({ actor, campaignId, subjectCode }: FeedbackLetterOf) {
    const campaign = await this.access.campaign(actor, campaignId, 'see');
    const subject = this.access.subject(actor, campaign, subjectCode);
    const { state } = await loadAggregate(this.deps.store, DOSSIER_DECIDER, dossierStream(campaignId, subject.code));
    const dossier: DossierState | null = state;
    if (!dossier?.feedback) throw new DomainConflictError('dossier.no_feedback', '该档案尚未出具反馈意见函', `no feedback for ${subject.code}`);
    const pack = await this.packs.require(campaign.pack.id, campaign.pack.version);
    const nameOf = (code: string) => this.access.nameOf(code);
    const draft = feedbackLetter({
      campaign,
      pack,
      dossier,
      nameOf,
      unit: unitOf(nameOf(campaign.scope)),
      date: shanghaiDateOf(new Date(dossier.feedback.at)),
      letterNo: dossier.feedback.letterNo,
    });
    return { draft, fileName: `${nameOf(subject.code)}反馈意见函.docx` };
  }
}

export const CAMPAIGN_REPORT_HANDLERS = [FreezeCampaignReportHandler, CampaignReportsHandler, CampaignReportOfHandler, FeedbackLetterOfHandler];
