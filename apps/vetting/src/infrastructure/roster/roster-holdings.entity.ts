import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '@lw/domain';
import type { Body, Post } from '../../domain/roster';

/** A post held in a village's body from a day (table `roster_holdings`, vetting/roster_002). */
@Entity({ name: 'roster_holdings' })
export class RosterHoldingRecord {
  @PrimaryColumn({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @PrimaryColumn({ type: 'text', name: 'body' })
  body!: Body;

  @PrimaryColumn({ type: 'text', name: 'post' })
  post!: Post;

  @PrimaryColumn({ type: 'date', name: 'from_date' })
  fromDate!: LocalDate;

  /** The first day no longer held; null while held. */
  @Column({ type: 'date', name: 'to_date', nullable: true })
  toDate!: LocalDate | null;
}
