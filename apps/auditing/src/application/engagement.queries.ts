import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@lw/domain';
import { SEVERITY_LABELS } from '../domain/engagement';
import { AuditDocuments } from './audit-documents.port';
import { AuditPlaces } from './audit-places';
import { AuditingReadModel, type AuditedElection, type AuditSummary, type ElectionProgress, type EngagementFilter, type EngagementRow } from './auditing-read-model.port';
import { engagementView, type EngagementView } from './engagement.view';
import { Engagements } from './engagements';

/** A file to download. */
export interface AuditFile {
  fileName: string;
  content: Buffer;
}

/** The finding categories (data, per province) and severities, as the finding form offers them. */
export class FindingCategories extends Query<{ categories: { code: string; name: string }[]; severities: { code: string; label: string }[] }> {}

@Injectable()
@QueryHandler(FindingCategories)
export class FindingCategoriesHandler implements IQueryHandler<FindingCategories> {
  constructor(private readonly engagements: Engagements) {}

  async execute() {
    return {
      categories: this.engagements.policy.categories.map((c) => ({ code: c.code, name: c.name })),
      severities: Object.entries(SEVERITY_LABELS).map(([code, label]) => ({ code, label })),
    };
  }
}

/** Engagements in the actor's subtree, from the read model; `village` must lie in it (404 otherwise). */
export class ListEngagements extends Query<{ total: number; rows: EngagementRow[] }> {
  constructor(
    readonly actor: Actor,
    readonly filter: Omit<EngagementFilter, 'scope'>,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(ListEngagements)
export class ListEngagementsHandler implements IQueryHandler<ListEngagements> {
  constructor(
    private readonly readModel: AuditingReadModel,
    private readonly places: AuditPlaces,
  ) {}

  execute({ actor, filter }: ListEngagements) {
    const village = filter.village ? this.places.within(actor, filter.village) : undefined;
    return this.readModel.list({ ...filter, village, scope: this.places.nodeOf(actor) });
  }
}

/** One engagement as the detail page shows it, read from its stream (never stale). */
export class EngagementDetail extends Query<EngagementView> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(EngagementDetail)
export class EngagementDetailHandler implements IQueryHandler<EngagementDetail> {
  constructor(
    private readonly engagements: Engagements,
    private readonly places: AuditPlaces,
  ) {}

  async execute({ engagementId, actor }: EngagementDetail): Promise<EngagementView> {
    const { state, version } = await this.engagements.visible(engagementId, actor);
    return engagementView(state, version, this.places.villageName(state.villageCode), this.engagements.policy);
  }
}

/** The village's audit report (审计报告) as Word. */
export class AuditReport extends Query<AuditFile> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(AuditReport)
export class AuditReportHandler implements IQueryHandler<AuditReport> {
  constructor(
    private readonly engagements: Engagements,
    private readonly places: AuditPlaces,
    private readonly documents: AuditDocuments,
  ) {}

  async execute({ engagementId, actor }: AuditReport): Promise<AuditFile> {
    const { state } = await this.engagements.visible(engagementId, actor);
    const name = this.places.villageName(state.villageCode);
    return { fileName: `${name}审计报告.docx`, content: await this.documents.auditReport(state, name) };
  }
}

/** Elections with outgoing audits in the actor's subtree (auditors cannot read vetting's election list). */
export class AuditedElections extends Query<{ rows: AuditedElection[] }> {
  constructor(readonly actor: Actor) {
    super();
  }
}

@Injectable()
@QueryHandler(AuditedElections)
export class AuditedElectionsHandler implements IQueryHandler<AuditedElections> {
  constructor(
    private readonly readModel: AuditingReadModel,
    private readonly places: AuditPlaces,
  ) {}

  execute({ actor }: AuditedElections) {
    return this.readModel.elections(this.places.nodeOf(actor));
  }
}

/** An election's audits in the actor's subtree, and the villages they still hold back. */
export class AuditProgress extends Query<ElectionProgress> {
  constructor(
    readonly electionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(AuditProgress)
export class AuditProgressHandler implements IQueryHandler<AuditProgress> {
  constructor(
    private readonly readModel: AuditingReadModel,
    private readonly places: AuditPlaces,
  ) {}

  execute({ electionId, actor }: AuditProgress) {
    return this.readModel.progress(electionId, this.places.nodeOf(actor));
  }
}

/** Sums by category in the actor's subtree, optionally narrowed to a township or village of it (404 outside) and to a period. */
export class FindingsSummary extends Query<AuditSummary> {
  constructor(
    readonly actor: Actor,
    readonly filter: { electionId?: string; node?: string; period?: { from: string; to: string } },
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(FindingsSummary)
export class FindingsSummaryHandler implements IQueryHandler<FindingsSummary> {
  constructor(
    private readonly readModel: AuditingReadModel,
    private readonly places: AuditPlaces,
  ) {}

  execute({ actor, filter }: FindingsSummary) {
    const node = filter.node ? this.places.within(actor, filter.node) : undefined;
    return this.readModel.summary({ ...filter, node, scope: this.places.nodeOf(actor) });
  }
}

/** The findings table (审计发现问题汇总表) of the actor's subtree as Excel. */
export class FindingsTable extends Query<AuditFile> {
  constructor(
    readonly actor: Actor,
    readonly electionId?: string,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(FindingsTable)
export class FindingsTableHandler implements IQueryHandler<FindingsTable> {
  constructor(
    private readonly readModel: AuditingReadModel,
    private readonly places: AuditPlaces,
    private readonly documents: AuditDocuments,
  ) {}

  async execute({ actor, electionId }: FindingsTable): Promise<AuditFile> {
    const f = { scope: this.places.nodeOf(actor), electionId };
    const [rows, summary] = await Promise.all([this.readModel.findings(f), this.readModel.summary(f)]);
    return { fileName: '审计发现问题汇总表.xlsx', content: await this.documents.findingsTable(rows, summary) };
  }
}

/** Every engagement query handler, for the runtime. */
export const ENGAGEMENT_QUERY_HANDLERS = [
  FindingCategoriesHandler,
  ListEngagementsHandler,
  EngagementDetailHandler,
  AuditReportHandler,
  AuditedElectionsHandler,
  AuditProgressHandler,
  FindingsSummaryHandler,
  FindingsTableHandler,
];
