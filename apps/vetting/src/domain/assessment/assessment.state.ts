import type { AssessmentRecorded, AssessmentRecordedData } from './assessment.events';

/** One village's assessments of one period: every revision, newest last. */
export interface AssessmentStreamState {
  revisions: readonly AssessmentRecordedData[];
}

export const EMPTY_ASSESSMENT_STREAM: AssessmentStreamState = { revisions: [] };

/**
 * Folds each revision as stored. Revisions recorded before the seed's rule (turnout without
 * `representatives`, judged on returned ÷ issued) keep the `valid` they were judged with then.
 */
export function evolveAssessment(s: AssessmentStreamState, e: { type: string; data: unknown }): AssessmentStreamState {
  return e.type === 'AssessmentRecorded' ? { revisions: [...s.revisions, e.data as AssessmentRecordedData] } : s;
}

/** The revision in force: the newest one. */
export function currentAssessment(s: AssessmentStreamState): AssessmentRecordedData | null {
  return s.revisions.length ? s.revisions[s.revisions.length - 1] : null;
}

/** How a village-and-period stream folds (the decider loop starts from null: nothing recorded yet). */
export const assessmentDecider = {
  evolve: (s: AssessmentStreamState | null, e: AssessmentRecorded): AssessmentStreamState => evolveAssessment(s ?? EMPTY_ASSESSMENT_STREAM, e),
};
