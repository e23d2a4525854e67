import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainNotFoundError, type Actor } from '@lw/domain';
import { loadAggregate } from '@lw/eventstore';
import { Hierarchy } from '@lw/hierarchy';
import { CAMPAIGN_KIND_LABELS, DOSSIER_STATUS_LABELS, emptyDossier, groupOf, type CampaignKind, type CampaignPack, type CampaignState, type DossierState, type WorkGroup } from '../../domain/campaign';
import { campaignFigures, type CampaignFigures } from '../../domain/campaign';
import { CampaignAccess, subjectKind } from './campaign-access';
import { CampaignDeps } from './campaign-deps';
import { CampaignPackCatalog } from './campaign-pack-catalog';
import { CampaignReadModel } from './campaign-read-model.port';
import { dossierStream } from './campaign-streams';
import { DOSSIER_DECIDER } from './dossier.commands';

/*
 * Reads of campaigns. A campaign is seen by whoever's area holds its scope, and by the townships
 * inside it (their own villages only); outside looks like not found. The plan and one dossier are
 * read from their streams (always current); lists, the board and the figures from the read model.
 */

export class CampaignPackList extends Query<{ id: string; version: number; name: string; kind: CampaignKind }[]> {}
export class CampaignPackOf extends Query<CampaignPack> {
  constructor(readonly id: string, readonly version: number) {
    super();
  }
}

export interface CampaignListItem {
  campaignId: string;
  kind: CampaignKind;
  kindLabel: string;
  name: string;
  scope: string;
  scopeName: string;
  period: { from: string; to: string };
  status: 'open' | 'closed';
  groups: number;
  subjects: number;
  approved: number;
}
export class ListCampaigns extends Query<CampaignListItem[]> {
  constructor(readonly actor: Actor, readonly filter: { scope?: string; kind?: CampaignKind }) {
    super();
  }
}

export type CampaignView = Omit<CampaignState, 'groups'> & { kindLabel: string; scopeName: string; pack: CampaignPack; groups: (WorkGroup & { villageNames: string[]; townshipNames: string[] })[] };
export class CampaignDetail extends Query<CampaignView> {
  constructor(readonly actor: Actor, readonly campaignId: string) {
    super();
  }
}

export interface DossierListItem {
  subjectCode: string;
  subjectKind: 'village' | 'township';
  subjectName: string;
  groupId: string;
  groupName: string;
  status: DossierState['status'];
  statusLabel: string;
  teamGrade: string | null;
  problems: number;
  accepted: number;
  closed: number;
  version: number;
}
export class ListDossiers extends Query<DossierListItem[]> {
  constructor(readonly actor: Actor, readonly campaignId: string) {
    super();
  }
}

export type DossierView = DossierState & {
  subjectName: string;
  statusLabel: string;
  problems: (DossierState['sections']['problems'][number] & { commitment: DossierState['commitments'][number] | null; accepted: boolean; case: { caseId: string; closedAt: string } | null })[];
};
export class DossierDetail extends Query<DossierView> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly subjectCode: string) {
    super();
  }
}

/** The board counts drafts too; the figures (for reports) only approved dossiers. */
export class CampaignFiguresOf extends Query<CampaignFigures> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly q: { approvedOnly: boolean; scope?: string }) {
    super();
  }
}

/** A subject in a group but not opened yet: an empty draft, so the form starts from the same shape. */
export function emptyDossierOf(campaign: CampaignState, subject: { kind: 'village' | 'township'; code: string }): DossierState {
  return emptyDossier(campaign.campaignId, subject, groupOf(campaign, subject.code)?.groupId ?? '');
}

@Injectable()
@QueryHandler(CampaignPackList)
export class CampaignPackListHandler implements IQueryHandler<CampaignPackList> {
  constructor(private readonly packs: CampaignPackCatalog) {}
  async execute() {
    return (await this.packs.list()).map(({ id, version, name, kind }) => ({ id, version, name, kind }));
  }
}

@Injectable()
@QueryHandler(CampaignPackOf)
export class CampaignPackOfHandler implements IQueryHandler<CampaignPackOf> {
  constructor(private readonly packs: CampaignPackCatalog) {}
  async execute({ id, version }: CampaignPackOf) {
    const pack = await this.packs.get(id, version);
    if (!pack) throw new DomainNotFoundError('campaign.unknown_pack', `检查方案“${id}”第${version}版不存在`, `unknown campaign pack ${id}@${version}`);
    return pack;
  }
}

@Injectable()
@QueryHandler(ListCampaigns)
export class ListCampaignsHandler implements IQueryHandler<ListCampaigns> {
  constructor(
    private readonly readModel: CampaignReadModel,
    private readonly access: CampaignAccess,
    private readonly hierarchy: Hierarchy,
  ) {}

  async execute({ actor, filter }: ListCampaigns): Promise<CampaignListItem[]> {
    const at = filter.scope ?? actor.node;
    if (!this.access.reaches(actor, at, 'see')) throw new DomainNotFoundError('scope.outside', `区域 ${at} 不存在或不在您的管辖范围内`, `${at} outside ${actor.node}`);
    // Above the actor's node only the campaigns that hold it (a county's campaign seen from a township).
    const scopes = [at, ...this.hierarchy.ancestors(at).map((n) => n.code)];
    const campaigns = await this.readModel.campaigns({ under: at, scopes, kind: filter.kind });
    const counts = await this.readModel.counts(campaigns.map((c) => c.campaignId));
    return campaigns.map((c) => ({
      campaignId: c.campaignId,
      kind: c.kind,
      kindLabel: CAMPAIGN_KIND_LABELS[c.kind],
      name: c.name,
      scope: c.scope,
      scopeName: this.access.nameOf(c.scope),
      period: c.period,
      status: c.closed ? 'closed' : 'open',
      groups: c.groups.length,
      subjects: c.groups.reduce((n, g) => n + g.villages.length + g.townships.length, 0),
      approved: counts.get(c.campaignId)?.approved ?? 0,
    }));
  }
}

@Injectable()
@QueryHandler(CampaignDetail)
export class CampaignDetailHandler implements IQueryHandler<CampaignDetail> {
  constructor(
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
  ) {}

  async execute({ actor, campaignId }: CampaignDetail): Promise<CampaignView> {
    const c = await this.access.campaign(actor, campaignId, 'see');
    const pack = await this.packs.require(c.pack.id, c.pack.version);
    const names = (codes: string[]) => codes.map((code) => this.access.nameOf(code));
    return {
      ...c,
      kindLabel: CAMPAIGN_KIND_LABELS[c.kind],
      scopeName: this.access.nameOf(c.scope),
      pack,
      groups: c.groups.map((g) => ({ ...g, villageNames: names(g.villages), townshipNames: names(g.townships) })),
    };
  }
}

@Injectable()
@QueryHandler(ListDossiers)
export class ListDossiersHandler implements IQueryHandler<ListDossiers> {
  constructor(
    private readonly access: CampaignAccess,
    private readonly readModel: CampaignReadModel,
  ) {}

  async execute({ actor, campaignId }: ListDossiers): Promise<DossierListItem[]> {
    const c = await this.access.campaign(actor, campaignId, 'see');
    const opened = new Map((await this.readModel.dossiers(campaignId)).map((d) => [d.subject.code, d]));
    return c.groups.flatMap((g) =>
      [...g.townships, ...g.villages]
        .filter((code) => this.access.reaches(actor, code, 'organise'))
        .map((code) => {
          const d = opened.get(code) ?? emptyDossierOf(c, { kind: subjectKind(code) ?? 'village', code });
          return {
            subjectCode: code,
            subjectKind: d.subject.kind,
            subjectName: this.access.nameOf(code),
            groupId: g.groupId,
            groupName: g.name,
            status: d.status,
            statusLabel: DOSSIER_STATUS_LABELS[d.status],
            teamGrade: d.sections.team?.grade ?? null,
            problems: d.sections.problems.length,
            accepted: d.accepted.length,
            closed: Object.keys(d.closed).length,
            version: d.version,
          };
        }),
    );
  }
}

@Injectable()
@QueryHandler(DossierDetail)
export class DossierDetailHandler implements IQueryHandler<DossierDetail> {
  constructor(
    private readonly access: CampaignAccess,
    private readonly deps: CampaignDeps,
  ) {}

  async execute({ actor, campaignId, subjectCode }: DossierDetail): Promise<DossierView> {
    const c = await this.access.campaign(actor, campaignId, 'see');
    const subject = this.access.subject(actor, c, subjectCode);
    const { state } = await loadAggregate(this.deps.store, DOSSIER_DECIDER, dossierStream(campaignId, subject.code));
    const d = state ?? emptyDossierOf(c, subject);
    return {
      ...d,
      subjectName: this.access.nameOf(subject.code),
      statusLabel: DOSSIER_STATUS_LABELS[d.status],
      problems: d.sections.problems.map((p) => ({
        ...p,
        commitment: d.commitments.find((x) => x.problemId === p.problemId) ?? null,
        accepted: d.accepted.includes(p.problemId),
        case: d.closed[p.problemId] ?? null,
      })),
    };
  }
}

@Injectable()
@QueryHandler(CampaignFiguresOf)
export class CampaignFiguresHandler implements IQueryHandler<CampaignFiguresOf> {
  constructor(
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
    private readonly readModel: CampaignReadModel,
  ) {}

  async execute({ actor, campaignId, q }: CampaignFiguresOf): Promise<CampaignFigures> {
    const campaign = await this.access.campaign(actor, campaignId, 'see');
    const scope = q.scope ?? (this.access.reaches(actor, campaign.scope, 'organise') ? undefined : actor.node);
    if (scope !== undefined && !this.access.reaches(actor, scope, 'organise')) throw new DomainNotFoundError('scope.outside', `区域 ${scope} 不存在或不在您的管辖范围内`, `${scope} outside ${actor.node}`);
    const pack = await this.packs.require(campaign.pack.id, campaign.pack.version);
    const dossiers = await this.readModel.dossiers(campaignId);
    return campaignFigures({ campaign, pack, dossiers, scope, approvedOnly: q.approvedOnly });
  }
}

export const CAMPAIGN_QUERY_HANDLERS = [CampaignPackListHandler, CampaignPackOfHandler, ListCampaignsHandler, CampaignDetailHandler, ListDossiersHandler, DossierDetailHandler, CampaignFiguresHandler];
