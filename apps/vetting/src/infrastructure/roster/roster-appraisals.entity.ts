import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AppraisalGrade } from '../../domain/roster';

/** A year's grade of a person (table `roster_appraisals`, vetting/roster_002): source 'roster' (ref '') or 'assessment' (ref = the assessment id). */
@Entity({ name: 'roster_appraisals' })
export class RosterAppraisalRecord {
  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @PrimaryColumn({ type: 'integer', name: 'year' })
  year!: number;

  @PrimaryColumn({ type: 'text', name: 'source' })
  source!: 'roster' | 'assessment';

  @PrimaryColumn({ type: 'text', name: 'ref' })
  ref!: string;

  @Column({ type: 'text', name: 'grade' })
  grade!: AppraisalGrade;
}
