import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Nominations per person (table `nominations`, vetting/002), so a change of a person's facts, or a
 * tip naming them in their village, finds the elections to re-review. Written by the board projection.
 */
@Entity({ name: 'nominations' })
export class NominationRecord {
  @PrimaryColumn({ type: 'text', name: 'stream_id' })
  streamId!: string;

  @PrimaryColumn({ type: 'text', name: 'nominee_id' })
  nomineeId!: string;

  @Column({ type: 'text', name: 'person_id' })
  personId!: string;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  /** Still in the running (not out, the village not handed over). */
  @Column({ type: 'boolean', name: 'open' })
  open!: boolean;
}
