import type { CampaignKind, CampaignState, DossierState } from '../../domain/campaign';

export interface CampaignFilter {
  /** Campaigns whose scope lies under this code (significant digits)… */
  under: string;
  /** …or whose scope is one of these (the county campaign a township takes part in). */
  scopes: string[];
  kind?: CampaignKind;
}

/** The campaigns and dossiers read model (vetting/campaign_001); the caller has checked the scope. */
export abstract class CampaignReadModel {
  abstract campaigns(f: CampaignFilter): Promise<CampaignState[]>;
  /** Every opened dossier of a campaign, subject order. */
  abstract dossiers(campaignId: string): Promise<DossierState[]>;
  /** Per campaign: dossiers opened and approved. */
  abstract counts(campaignIds: string[]): Promise<Map<string, { opened: number; approved: number }>>;
}
