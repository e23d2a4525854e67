import type { AssessmentRecordedData } from './assessment.events';
import { DEFAULT_ASSESSMENT_SCALE } from './assessment-scale';

/** The figures a 研判报告 quotes for one period and subtree. */
export interface AssessmentSummary {
  period: string;
  /** Villages with an assessment on record (valid or not). */
  assessed: number;
  /** Valid ones: classification, weak flag and grades below count only these. */
  valid: number;
  classification: Record<string, number>;
  teamGrades: Record<string, number>;
  weak: { count: number; villages: string[] };
  /**
   * Invalid ones, to be re-run: too few 群众代表 among respondents (older events: returned ÷ issued
   * below the minimum, as judged then).
   */
  invalid: { count: number; villages: string[] };
  memberGrades: Record<string, number>;
}

/**
 * Sums the assessments in force (one per village) of one period. An invalid assessment counts only as
 * invalid: its grades and classification rest on a questionnaire the seed does not accept.
 */
export function summariseAssessments(period: string, current: readonly AssessmentRecordedData[]): AssessmentSummary {
  const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  const valid = current.filter((a) => a.valid);
  const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const classification = zeros(DEFAULT_ASSESSMENT_SCALE.classifications);
  const teamGrades: Record<string, number> = {};
  const memberGrades = zeros(DEFAULT_ASSESSMENT_SCALE.memberGrades);
  for (const a of valid) {
    tally(classification, a.classification);
    tally(teamGrades, a.teamGrade);
    for (const m of a.memberGrades) tally(memberGrades, m.grade);
  }
  const villages = (xs: readonly AssessmentRecordedData[]) => xs.map((a) => a.villageCode).sort();
  const weak = valid.filter((a) => a.weak);
  const invalid = current.filter((a) => !a.valid);
  return {
    period,
    assessed: current.length,
    valid: valid.length,
    classification,
    teamGrades,
    weak: { count: weak.length, villages: villages(weak) },
    invalid: { count: invalid.length, villages: villages(invalid) },
    memberGrades,
  };
}
