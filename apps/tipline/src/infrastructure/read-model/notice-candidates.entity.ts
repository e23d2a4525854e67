import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A candidate under a public notice (table `notice_candidates`, tipline/003, 005–007). The id number
 * only matches a tip's subject to the candidate (an objection); the public list never shows it.
 */
@Entity({ name: 'notice_candidates' })
export class NoticeCandidateRecord {
  /** A row key only (tipline/007): a notice may list two candidates of the same name. */
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'text', name: 'notice_id' })
  noticeId!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'citizen_id', nullable: true })
  citizenId!: string | null;

  /** Vetting's candidate id (null on rows from before tipline/005). */
  @Column({ type: 'text', name: 'candidate_id', nullable: true })
  candidateId!: string | null;

  @Column({ type: 'text', name: 'post', nullable: true })
  post!: string | null;
}
