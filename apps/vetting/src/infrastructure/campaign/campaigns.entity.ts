import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignState } from '../../domain/campaign';

/** One row per campaign: its plan and groups as folded from `campaign-<id>` (table `campaigns`, vetting/campaign_001). */
@Entity({ name: 'campaigns' })
export class CampaignRecord {
  @PrimaryColumn({ type: 'text', name: 'campaign_id' })
  campaignId!: string;

  @Column({ type: 'text', name: 'kind' })
  kind!: string;

  @Column({ type: 'text', name: 'scope' })
  scope!: string;

  @Column({ type: 'jsonb', name: 'state' })
  state!: CampaignState;

  @Column({ type: 'integer', name: 'version' })
  version!: number;

  @Column({ type: 'timestamptz', name: 'planned_at' })
  plannedAt!: Date;
}
