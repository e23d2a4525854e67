import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DossierState } from '../../domain/campaign';

/** One row per opened dossier (一村一档) as folded from `dossier-<campaignId>-<code>` (table `campaign_dossiers`, vetting/campaign_001). */
@Entity({ name: 'campaign_dossiers' })
export class CampaignDossierRecord {
  @PrimaryColumn({ type: 'text', name: 'campaign_id' })
  campaignId!: string;

  @PrimaryColumn({ type: 'text', name: 'subject_code' })
  subjectCode!: string;

  @Column({ type: 'text', name: 'status' })
  status!: string;

  @Column({ type: 'jsonb', name: 'state' })
  state!: DossierState;

  @Column({ type: 'integer', name: 'version' })
  version!: number;
}
