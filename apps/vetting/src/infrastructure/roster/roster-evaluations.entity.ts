import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from '@lw/domain';

/**
 * A negative 民主测评 grade of a person in an approved campaign dossier (table `roster_evaluations`,
 * vetting/roster_003): kept apart from roster_appraisals, which are yearly appraisals (年度考核).
 */
@Entity({ name: 'roster_evaluations' })
export class RosterEvaluationRecord {
  @PrimaryColumn({ type: 'text', name: 'person_id' })
  personId!: string;

  @PrimaryColumn({ type: 'text', name: 'campaign_id' })
  campaignId!: string;

  @PrimaryColumn({ type: 'text', name: 'subject_code' })
  subjectCode!: string;

  /** The day the dossier was approved (Asia/Shanghai). */
  @Column({ type: 'date', name: 'date' })
  date!: LocalDate;

  @Column({ type: 'text', name: 'grade' })
  grade!: string;

  @Column({ type: 'text', name: 'campaign_name' })
  campaignName!: string;
}
