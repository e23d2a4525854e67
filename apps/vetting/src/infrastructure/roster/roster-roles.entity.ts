import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '@lw/domain';

/** A village role outside the two committees (会计 …), one row per person and role (table `roster_roles`, vetting/roster_002). */
@Entity({ name: 'roster_roles' })
export class RosterRoleRecord {
  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @PrimaryColumn({ type: 'text', name: 'role' })
  role!: string;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'date', name: 'since' })
  since!: LocalDate;

  /** Its last day; null while held. */
  @Column({ type: 'date', name: 'until', nullable: true })
  until!: LocalDate | null;
}
