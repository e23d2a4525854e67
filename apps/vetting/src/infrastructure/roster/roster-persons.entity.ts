import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '@lw/domain';
import type { PoliticalStatus } from '../../domain/roster';
import type { Education } from '../../domain/rules/facts';

/** One person of the roster (table `roster_persons`, vetting/roster_002); the full citizen id stays in the vetting schema. */
@Entity({ name: 'roster_persons' })
export class RosterPersonRecord {
  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @Column({ type: 'text', name: 'citizen_id' })
  citizenId!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'gender' })
  gender!: 'male' | 'female';

  /** Dates as 'YYYY-MM-DD'. */
  @Column({ type: 'date', name: 'birth_date' })
  birthDate!: LocalDate;

  @Column({ type: 'text', name: 'ethnicity' })
  ethnicity!: string;

  @Column({ type: 'text', name: 'education' })
  education!: Education;

  @Column({ type: 'text', name: 'political_status' })
  politicalStatus!: PoliticalStatus;

  @Column({ type: 'date', name: 'party_join_date', nullable: true })
  partyJoinDate!: LocalDate | null;

  @Column({ type: 'text', name: 'phone', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', name: 'tags', array: true })
  tags!: string[];

  /** The villages whose roster named the person, in the order they did. */
  @Column({ type: 'text', name: 'villages', array: true })
  villages!: string[];
}
