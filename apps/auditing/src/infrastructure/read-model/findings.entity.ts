import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PersonRef, Severity } from '../../domain/engagement';
import { EngagementRecord } from './engagements.entity';

/** A finding in its current version, amendments applied (table `findings`, auditing/002). */
@Entity({ name: 'findings' })
export class FindingRecord {
  @PrimaryColumn({ type: 'text', name: 'finding_id' })
  findingId!: string;

  @Column({ type: 'text', name: 'engagement_id' })
  engagementId!: string;

  /** The findings table reads the engagement's kind beside each finding. */
  @ManyToOne(() => EngagementRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: EngagementRecord;

  /** Order of recording within the engagement, from 1. */
  @Column({ type: 'integer', name: 'seq' })
  seq!: number;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'election_id', nullable: true })
  electionId!: string | null;

  @Column({ type: 'text', name: 'category' })
  category!: string;

  @Column({ type: 'text', name: 'severity' })
  severity!: Severity;

  /** Fen as bigint's decimal string, or null when the problem has no amount. */
  @Column({ type: 'bigint', name: 'amount_fen', nullable: true })
  amountFen!: string | null;

  @Column({ type: 'text', name: 'description' })
  description!: string;

  @Column({ type: 'jsonb', name: 'responsible_persons' })
  responsiblePersons!: PersonRef[];

  @Column({ type: 'boolean', name: 'rectification_required' })
  rectificationRequired!: boolean;

  @Column({ type: 'boolean', name: 'violation_suspected' })
  violationSuspected!: boolean;

  @Column({ type: 'boolean', name: 'transferred' })
  transferred!: boolean;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;

  @Column({ type: 'integer', name: 'amendments' })
  amendments!: number;

  @Column({ type: 'timestamptz', name: 'rectified_at', nullable: true })
  rectifiedAt!: Date | null;

  @Column({ type: 'text', name: 'case_id', nullable: true })
  caseId!: string | null;
}
