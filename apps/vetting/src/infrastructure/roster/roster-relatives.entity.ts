import { Entity, PrimaryColumn } from 'typeorm';

/** relativeId is personId's <kind> (table `roster_relatives`, vetting/roster_002); read in either direction. */
@Entity({ name: 'roster_relatives' })
export class RosterRelativeRecord {
  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @PrimaryColumn({ type: 'text', name: 'relative_id' })
  relativeId!: string;

  @PrimaryColumn({ type: 'text', name: 'kind' })
  kind!: string;
}
