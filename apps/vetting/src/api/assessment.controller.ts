import { Controller } from '@nestjs/common';

/** Assessments (/vetting/assessments/…). */
@Controller('assessments')
export class AssessmentController {}
