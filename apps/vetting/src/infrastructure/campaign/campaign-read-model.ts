import { In, type DataSource, type Repository } from 'typeorm';
import { subtreePattern } from '@lw/hierarchy';
import type { CampaignFilter, CampaignReadModel } from '../../application/campaign/campaign-read-model.port';
import type { CampaignState, DossierState } from '../../domain/campaign';
import { CampaignDossierRecord } from './campaign-dossiers.entity';
import { CampaignRecord } from './campaigns.entity';

/** Queries on the campaigns read model; the caller has checked the scope against the actor's node. */
export class PgCampaignReadModel implements CampaignReadModel {
  private readonly campaignRows: Repository<CampaignRecord>;
  private readonly dossierRows: Repository<CampaignDossierRecord>;

  constructor(readModels: DataSource) {
    this.campaignRows = readModels.getRepository(CampaignRecord);
    this.dossierRows = readModels.getRepository(CampaignDossierRecord);
  }

  async campaigns(f: CampaignFilter): Promise<CampaignState[]> {
    const qb = this.campaignRows.createQueryBuilder('c').where('(c.scope LIKE :under OR c.scope IN (:...scopes))', { under: subtreePattern(f.under), scopes: f.scopes.length ? f.scopes : [''] });
    if (f.kind) qb.andWhere('c.kind = :kind', { kind: f.kind });
    const rows = await qb.orderBy('c.plannedAt', 'DESC').take(1000).getMany();
    return rows.map((r) => r.state);
  }

  async dossiers(campaignId: string): Promise<DossierState[]> {
    const rows = await this.dossierRows.find({ where: { campaignId }, order: { subjectCode: 'ASC' } });
    return rows.map((r) => r.state);
  }

  async counts(campaignIds: string[]): Promise<Map<string, { opened: number; approved: number }>> {
    if (!campaignIds.length) return new Map();
    const rows: { campaign_id: string; opened: number; approved: number }[] = await this.dossierRows
      .createQueryBuilder('d')
      .select('d.campaign_id', 'campaign_id')
      .addSelect('count(*)::int', 'opened')
      .addSelect(`count(*) FILTER (WHERE d.status = 'approved')::int`, 'approved')
      .where({ campaignId: In(campaignIds) })
      .groupBy('d.campaign_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.campaign_id, { opened: r.opened, approved: r.approved }]));
  }
}
