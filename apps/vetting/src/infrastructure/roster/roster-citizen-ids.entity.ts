import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A citizen id claimed for one person id (table `roster_citizen_ids`, vetting/roster_001): write
 * side, not a projection; claimed in the command's own transaction under an advisory lock.
 */
@Entity({ name: 'roster_citizen_ids' })
export class RosterCitizenIdRecord {
  @PrimaryColumn({ type: 'text', name: 'citizen_id' })
  citizenId!: string;

  @Column({ type: 'text', name: 'person_id', unique: true })
  personId!: string;
}
