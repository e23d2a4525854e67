import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per tip (table `tip_list`, tipline/004), rebuilt from its stream by the tip-list projection:
 * the inbox, the ledger and the statistics. Deliberately without the reporter or the tip's text.
 */
@Entity({ name: 'tip_list' })
export class TipListRecord {
  @PrimaryColumn({ type: 'uuid', name: 'tip_id' })
  tipId!: string;

  /** The stream version the row was built from: an older rebuild never overwrites a newer one. */
  @Column({ type: 'integer', name: 'version' })
  version!: number;

  @Column({ type: 'text', name: 'status' })
  status!: string;

  @Column({ type: 'text', name: 'channel' })
  channel!: string;

  @Column({ type: 'text', name: 'category' })
  category!: string;

  @Column({ type: 'text', name: 'category_group' })
  categoryGroup!: string;

  /** Significant digits (a village's 12), so a subtree is a prefix. */
  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode!: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode!: string | null;

  /** The subjects by name and post: shown only to viewers who see a tip's subjects. */
  @Column({ type: 'text', name: 'subjects_label' })
  subjectsLabel!: string;

  @Column({ type: 'boolean', name: 'anonymous' })
  anonymous!: boolean;

  @Column({ type: 'boolean', name: 'election_related' })
  electionRelated!: boolean;

  @Column({ type: 'boolean', name: 'objection' })
  objection!: boolean;

  @Column({ type: 'uuid', name: 'repeat_of', nullable: true })
  repeatOf!: string | null;

  @Column({ type: 'integer', name: 'repeat_count' })
  repeatCount!: number;

  @Column({ type: 'text', name: 'regime' })
  regime!: string;

  @Column({ type: 'text', name: 'unit_code', nullable: true })
  unitCode!: string | null;

  @Column({ type: 'text', name: 'unit_name', nullable: true })
  unitName!: string | null;

  @Column({ type: 'text', name: 'finding', nullable: true })
  finding!: string | null;

  @Column({ type: 'boolean', name: 'false_accusation' })
  falseAccusation!: boolean;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt!: Date;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'concluded_at', nullable: true })
  concludedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'boolean', name: 'concluded_within_limit', nullable: true })
  concludedWithinLimit!: boolean | null;

  @Column({ type: 'text', name: 'next_deadline_kind', nullable: true })
  nextDeadlineKind!: string | null;

  @Column({ type: 'timestamptz', name: 'next_deadline_at', nullable: true })
  nextDeadlineAt!: Date | null;

  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  @Column({ type: 'date', name: 'next_deadline_due', nullable: true })
  nextDeadlineDue!: string | null;

  /** A deadline job found an open limit past its end (the clock alone says so too: next_deadline_at). */
  @Column({ type: 'boolean', name: 'overdue_flagged' })
  overdueFlagged!: boolean;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
