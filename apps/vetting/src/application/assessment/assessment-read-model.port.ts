import type { AssessmentRecordedData, AssessmentSummary } from '../../domain/assessment';

export interface AssessmentFilter {
  /** A division code (any level); only villages below it. */
  scope: string;
  period?: string;
  classification?: string;
  weak?: boolean;
}

export interface AssessmentRevision {
  data: AssessmentRecordedData;
  recordedBy: { userId: string; node: string } | null;
}

/** The assessments read model (implemented on the vetting schema in infrastructure/assessment); the caller has checked the scope. */
export abstract class AssessmentReadModel {
  abstract list(f: AssessmentFilter): Promise<AssessmentRecordedData[]>;
  /** Every revision of every assessment of one village, newest period first, revisions in order. */
  abstract history(villageCode: string): Promise<AssessmentRevision[]>;
  abstract summary(scope: string, period: string): Promise<AssessmentSummary>;
}
