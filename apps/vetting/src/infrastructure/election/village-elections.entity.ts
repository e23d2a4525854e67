import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The election board: one row per village per election (table `village_elections`, vetting/002–003). */
@Entity({ name: 'village_elections' })
export class VillageElectionRecord {
  @PrimaryColumn({ type: 'text', name: 'election_id' })
  electionId!: string;

  @PrimaryColumn({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'stream_id', unique: true })
  streamId!: string;

  @Column({ type: 'text', name: 'stage' })
  stage!: string;

  @Column({ type: 'boolean', name: 'gate_open' })
  gateOpen!: boolean;

  @Column({ type: 'jsonb', name: 'gate_reasons' })
  gateReasons!: string[];

  @Column({ type: 'integer', name: 'nominees' })
  nominees!: number;

  @Column({ type: 'integer', name: 'reviewed' })
  reviewed!: number;

  @Column({ type: 'integer', name: 'blocked' })
  blocked!: number;

  @Column({ type: 'integer', name: 'disqualified' })
  disqualified!: number;

  @Column({ type: 'integer', name: 'open_objections' })
  openObjections!: number;

  /** Nominees with a joint-review department chased for being late and not yet answered. */
  @Column({ type: 'integer', name: 'joint_reviews_overdue' })
  jointReviewsOverdue!: number;

  /** The running notice's last day ('YYYY-MM-DD'); null without one or once it ended. */
  @Column({ type: 'date', name: 'notice_ends_on', nullable: true })
  noticeEndsOn!: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
