import { CampaignDossierRecord } from './campaign-dossiers.entity';
import { CampaignRecord } from './campaigns.entity';

/** Campaigns' read-model entities (tables from vetting/campaign_001), for the vetting ServiceDefinition's readModels. */
export const CAMPAIGN_READ_MODELS = [CampaignRecord, CampaignDossierRecord];
