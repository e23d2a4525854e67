import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '@lw/domain';

/** An investigation (立案审查调查) of a person (table `roster_investigations`, vetting/roster_002). */
@Entity({ name: 'roster_investigations' })
export class RosterInvestigationRecord {
  @PrimaryColumn({ type: 'text', name: 'investigation_id' })
  investigationId!: string;

  @Column({ type: 'text', name: 'person_id' })
  personId!: string;

  @Column({ type: 'date', name: 'since' })
  since!: LocalDate;

  @Column({ type: 'date', name: 'closed_on', nullable: true })
  closedOn!: LocalDate | null;

  @Column({ type: 'text', name: 'source', nullable: true })
  source!: string | null;
}
