import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each finding of an outgoing audit with its severity and rectification (table `audit_findings`, vetting/002). */
@Entity({ name: 'audit_findings' })
export class AuditFindingRecord {
  @PrimaryColumn({ type: 'text', name: 'engagement_id' })
  engagementId!: string;

  @PrimaryColumn({ type: 'text', name: 'finding_id' })
  findingId!: string;

  @Column({ type: 'boolean', name: 'serious' })
  serious!: boolean;

  @Column({ type: 'boolean', name: 'rectification_required' })
  rectificationRequired!: boolean;

  @Column({ type: 'boolean', name: 'rectified', default: false })
  rectified!: boolean;
}
