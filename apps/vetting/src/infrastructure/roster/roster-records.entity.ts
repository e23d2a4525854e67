import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '@lw/domain';
import type { RecordCategory } from '../../domain/roster';

/** A record on a person (处分, 违法用地 …) with its effect period (table `roster_records`, vetting/roster_002). */
@Entity({ name: 'roster_records' })
export class RosterRecordRecord {
  @PrimaryColumn({ type: 'text', name: 'record_id' })
  recordId!: string;

  @Column({ type: 'text', name: 'person_id' })
  personId!: string;

  @Column({ type: 'text', name: 'text' })
  text!: string;

  @Column({ type: 'text', name: 'kind' })
  kind!: string;

  @Column({ type: 'text', name: 'label' })
  label!: string;

  @Column({ type: 'text', name: 'category' })
  category!: RecordCategory;

  @Column({ type: 'date', name: 'date' })
  date!: LocalDate;

  @Column({ type: 'date', name: 'ends_on', nullable: true })
  endsOn!: LocalDate | null;

  @Column({ type: 'text', name: 'source', nullable: true })
  source!: string | null;
}
