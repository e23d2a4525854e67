import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditedPerson, EngagementKind, EngagementStatus } from '../../domain/engagement';

/** One row per engagement (table `engagements`, auditing/001), rebuilt from its stream by the engagement projection. */
@Entity({ name: 'engagements' })
export class EngagementRecord {
  @PrimaryColumn({ type: 'text', name: 'engagement_id' })
  engagementId!: string;

  /** The stream version the row was built from: an older rebuild never overwrites a newer one. */
  @Column({ type: 'integer', name: 'version' })
  version!: number;

  @Column({ type: 'text', name: 'kind' })
  kind!: EngagementKind;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'election_id', nullable: true })
  electionId!: string | null;

  @Column({ type: 'text', name: 'status' })
  status!: EngagementStatus;

  @Column({ type: 'jsonb', name: 'persons' })
  persons!: AuditedPerson[];

  @Column({ type: 'jsonb', name: 'auditors' })
  auditors!: string[];

  /** Dates as 'YYYY-MM-DD'. */
  @Column({ type: 'date', name: 'period_from' })
  periodFrom!: string;

  @Column({ type: 'date', name: 'period_to' })
  periodTo!: string;

  @Column({ type: 'timestamptz', name: 'planned_at' })
  plannedAt!: Date;

  @Column({ type: 'timestamptz', name: 'concluded_at', nullable: true })
  concludedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'date', name: 'notice_ends_on', nullable: true })
  noticeEndsOn!: string | null;

  /** How many findings. */
  @Column({ type: 'integer', name: 'findings' })
  findings!: number;

  @Column({ type: 'integer', name: 'serious_open' })
  seriousOpen!: number;

  /** All findings' amounts in fen, as numeric's exact decimal string. */
  @Column({ type: 'numeric', name: 'amount_fen' })
  amountFen!: string;
}
