import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The auditing service's word on each village's outgoing audit, per election (table `village_audits`, vetting/002): the gate's input. */
@Entity({ name: 'village_audits' })
export class VillageAuditRecord {
  @PrimaryColumn({ type: 'text', name: 'election_id' })
  electionId!: string;

  @PrimaryColumn({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'engagement_id' })
  engagementId!: string;

  @Column({ type: 'boolean', name: 'concluded', default: false })
  concluded!: boolean;

  @Column({ type: 'boolean', name: 'published', default: false })
  published!: boolean;
}
