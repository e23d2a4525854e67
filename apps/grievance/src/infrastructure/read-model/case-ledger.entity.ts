import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseSourceKind, CaseStatus, EscalationMeasure, Severity } from '../../domain';

/** One row per case (table `case_ledger`, grievance/001), rebuilt from its stream by the case-ledger projection. */
@Entity({ name: 'case_ledger' })
export class CaseLedgerRecord {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId!: string;

  /** The stream version the row was built from: an older rebuild never overwrites a newer one. */
  @Column({ type: 'integer', name: 'version' })
  version!: number;

  @Column({ type: 'text', name: 'status' })
  status!: CaseStatus;

  @Column({ type: 'text', name: 'village_code' })
  villageCode!: string;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'text', name: 'source_kind' })
  sourceKind!: CaseSourceKind;

  @Column({ type: 'text', name: 'source_ref', nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'text', name: 'category' })
  category!: string;

  @Column({ type: 'text', name: 'severity' })
  severity!: Severity;

  @Column({ type: 'text', name: 'description' })
  description!: string;

  @Column({ type: 'text', name: 'measures' })
  measures!: string;

  @Column({ type: 'text', name: 'responsible_unit' })
  responsibleUnit!: string;

  @Column({ type: 'text', name: 'responsible_name', nullable: true })
  responsibleName!: string | null;

  @Column({ type: 'text', name: 'responsible_post', nullable: true })
  responsiblePost!: string | null;

  /** The directly responsible persons as one line: 张三（村会计）、李四. */
  @Column({ type: 'text', name: 'directly_responsible' })
  directlyResponsible!: string;

  /** Dates as 'YYYY-MM-DD'. */
  @Column({ type: 'date', name: 'deadline_start' })
  deadlineStart!: string;

  @Column({ type: 'date', name: 'deadline_due' })
  deadlineDue!: string;

  @Column({ type: 'timestamptz', name: 'deadline_ends_at' })
  deadlineEndsAt!: Date;

  @Column({ type: 'timestamptz', name: 'yellow_at' })
  yellowAt!: Date;

  @Column({ type: 'boolean', name: 'beyond_horizon' })
  beyondHorizon!: boolean;

  @Column({ type: 'integer', name: 'red_count' })
  redCount!: number;

  /** How many escalations. */
  @Column({ type: 'integer', name: 'escalations' })
  escalations!: number;

  @Column({ type: 'text', name: 'last_escalation', nullable: true })
  lastEscalation!: EscalationMeasure | null;

  @Column({ type: 'text', name: 'latest_progress', nullable: true })
  latestProgress!: string | null;

  @Column({ type: 'timestamptz', name: 'latest_progress_at', nullable: true })
  latestProgressAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'applied_at', nullable: true })
  appliedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'boolean', name: 'closed_on_time', nullable: true })
  closedOnTime!: boolean | null;

  @Column({ type: 'integer', name: 'reopen_count' })
  reopenCount!: number;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
