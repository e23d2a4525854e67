import type { RecordedTurnout } from './turnout';

export interface MemberGrade {
  /** Person id in the roster (两委花名册). */
  personId: string;
  name: string;
  grade: string;
}

export type ProblemSeverity = 'general' | 'major' | 'serious';
export const PROBLEM_SEVERITIES: readonly ProblemSeverity[] = ['general', 'major', 'serious'];
export const SEVERITY_LABELS: Readonly<Record<ProblemSeverity, string>> = { general: '一般', major: '较重', serious: '严重' };

/** A problem found; `problemId` stays the same through corrections, so grievance opens one case for it. */
export interface Problem {
  problemId: string;
  category: string;
  description: string;
  severity: ProblemSeverity;
}

/**
 * Stream event 'AssessmentRecorded' of stream `assessment-<villageCode>-<period>`. Every revision
 * carries the FULL data: the roster reads member grades from the latest revision of the stream.
 * A correction is a new revision with `corrects` (which revision, why) and `by`; nothing is overwritten.
 * `valid` is false when 群众代表 are below the scale's minimum share of the respondents: recorded,
 * shown, but its grades count for nothing (no negative list, no grievance cases) until a re-run
 * (`rerunOf`) or a correction.
 *
 * Events recorded before the seed's rule (seed 004 report 1) carry `turnout: {invited, returned}` and
 * `minTurnoutPercent`: they were judged on returned ÷ issued, and fold as they were judged then — their
 * stored `valid` stands, nothing is recomputed. A correction or re-run judges by the rule of today.
 */
export interface AssessmentRecordedData {
  assessmentId: string;
  villageCode: string;
  period: string;
  year: number;
  /** 1 for the first record of an assessment, +1 per correction. */
  revision: number;
  scaleId: string;
  memberGrades: MemberGrade[];
  teamGrade: string;
  /** `representatives` is absent on events recorded before the seed's rule. */
  turnout: RecordedTurnout;
  /** The scale's minimum share of 群众代表 among respondents, in percent, when recorded (absent on older events). */
  minRepresentativePercent?: number;
  /** Older events only: the minimum returned ÷ issued they were judged on. */
  minTurnoutPercent?: number;
  valid: boolean;
  classification: string;
  weak: boolean;
  problems: Problem[];
  /** ISO instant it was recorded. */
  at: string;
  /** User id of who recorded it (also in the event's metadata.actor). */
  by: string | null;
  /** A correction: the revision it replaces, why, and who was graded there but is not here (to re-check them). */
  corrects?: { revision: number; reason: string; removedPersonIds: string[] };
  /** The invalid assessment (too few 群众代表 among respondents, or formerly a low turnout) this one re-runs. */
  rerunOf?: string;
}

export interface AssessmentRecorded {
  type: 'AssessmentRecorded';
  data: AssessmentRecordedData;
}
