import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per opened election (table `elections`, vetting/002), written by the board projection. */
@Entity({ name: 'elections' })
export class ElectionRecord {
  @PrimaryColumn({ type: 'text', name: 'election_id' })
  electionId!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  /** The division code the election covers. */
  @Column({ type: 'text', name: 'scope' })
  scope!: string;

  @Column({ type: 'text', name: 'policy_id' })
  policyId!: string;

  @Column({ type: 'integer', name: 'policy_version' })
  policyVersion!: number;

  /** 'YYYY-MM-DD', or null while the vote has no date. */
  @Column({ type: 'date', name: 'voting_from', nullable: true })
  votingFrom!: string | null;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt!: Date;
}
