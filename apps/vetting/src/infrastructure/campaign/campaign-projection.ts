import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { toDomainEvent, type StoredEvent } from '@lw/eventstore';
import { evolveCampaign, evolveDossier, type CampaignEvent, type DossierEvent } from '../../domain/campaign';
import { CAMPAIGN_STREAM_PREFIX, DOSSIER_STREAM_PREFIX } from '../../application/campaign/campaign-streams';
import { CampaignDossierRecord } from './campaign-dossiers.entity';
import { CampaignRecord } from './campaigns.entity';

/**
 * Folds the campaign and dossier streams into their rows through the EntityManager of the
 * projector's transaction (with its checkpoint). A row keeps the version it folded, so an event
 * seen again changes nothing.
 */
export async function projectCampaigns(events: readonly StoredEvent[], _tx: PoolClient, manager: EntityManager | undefined): Promise<void> {
  if (!manager) throw new Error('campaign projection: run it with readModels (kernel.readModels)');
  for (const e of events) {
    if (e.streamId.startsWith(CAMPAIGN_STREAM_PREFIX)) await campaign(manager, e);
    else if (e.streamId.startsWith(DOSSIER_STREAM_PREFIX)) await dossier(manager, e);
  }
}

async function campaign(manager: EntityManager, e: StoredEvent): Promise<void> {
  const campaignId = e.streamId.slice(CAMPAIGN_STREAM_PREFIX.length);
  const row = await manager.findOne(CampaignRecord, { where: { campaignId } });
  if (row && row.version >= e.streamVersion) return;
  const state = evolveCampaign(row?.state ?? null, toDomainEvent<CampaignEvent>(e));
  const record: CampaignRecord = { campaignId, kind: state.kind, scope: state.scope, state, version: e.streamVersion, plannedAt: row?.plannedAt ?? e.createdAt };
  await manager.save(CampaignRecord, record);
}

async function dossier(manager: EntityManager, e: StoredEvent): Promise<void> {
  // dossier-<campaignId>-<subjectCode>: the code is the last segment (digits only).
  const rest = e.streamId.slice(DOSSIER_STREAM_PREFIX.length);
  const cut = rest.lastIndexOf('-');
  const where = { campaignId: rest.slice(0, cut), subjectCode: rest.slice(cut + 1) };
  const row = await manager.findOne(CampaignDossierRecord, { where });
  if (row && row.version >= e.streamVersion) return;
  const state = evolveDossier(row?.state ?? null, toDomainEvent<DossierEvent>(e));
  await manager.save(CampaignDossierRecord, { ...where, status: state.status, state, version: e.streamVersion });
}
