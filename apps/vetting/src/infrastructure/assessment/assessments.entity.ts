import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssessmentRecordedData } from '../../domain/assessment';

/** The assessment in force per village and period: the newest revision of its stream (table `assessments`, vetting/assessment_001). */
@Entity({ name: 'assessments' })
export class AssessmentRecord {
  @PrimaryColumn({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @PrimaryColumn({ type: 'text', name: 'period' })
  period!: string;

  @Column({ type: 'integer', name: 'year' })
  year!: number;

  @Column({ type: 'text', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'integer', name: 'revision' })
  revision!: number;

  /** The whole revision as recorded. */
  @Column({ type: 'jsonb', name: 'data' })
  data!: AssessmentRecordedData;

  @Column({ type: 'text', name: 'classification' })
  classification!: string;

  @Column({ type: 'boolean', name: 'weak' })
  weak!: boolean;

  @Column({ type: 'boolean', name: 'valid' })
  valid!: boolean;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;
}
