import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Actor } from '@lw/domain';
import type { AssessmentRecordedData } from '../../domain/assessment';

/** Every revision ever recorded, with who recorded it (table `assessment_revisions`, vetting/assessment_001). */
@Entity({ name: 'assessment_revisions' })
export class AssessmentRevisionRecord {
  /** The AssessmentRecorded event's id: a replayed event is not a second revision. */
  @PrimaryColumn({ type: 'uuid', name: 'event_id' })
  eventId!: string;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'period' })
  period!: string;

  @Column({ type: 'text', name: 'assessment_id' })
  assessmentId!: string;

  @Column({ type: 'integer', name: 'revision' })
  revision!: number;

  @Column({ type: 'jsonb', name: 'data' })
  data!: AssessmentRecordedData;

  @Column({ type: 'jsonb', name: 'actor', nullable: true })
  actor!: Actor | null;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;
}
