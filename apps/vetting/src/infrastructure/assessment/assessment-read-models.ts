import { AssessmentRevisionRecord } from './assessment-revisions.entity';
import { AssessmentRecord } from './assessments.entity';

/** Assessments' read-model entities (tables from vetting/assessment_001), for the vetting ServiceDefinition's readModels. */
export const ASSESSMENT_READ_MODELS = [AssessmentRecord, AssessmentRevisionRecord];
