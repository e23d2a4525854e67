/** One stream per village and period: every revision of its assessment(s), in order. */
export function assessmentStream(villageCode: string, period: string): string {
  return `assessment-${villageCode}-${period}`;
}

export const ASSESSMENT_STREAM_PREFIX = 'assessment-';
