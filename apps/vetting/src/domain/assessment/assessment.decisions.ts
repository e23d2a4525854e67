import { DomainConflictError, DomainValidationError } from '@lw/domain';
import type { AssessmentScale } from './assessment-scale';
import { validateAssessment, type AssessmentInput, type ProblemInput } from './assessment-input';
import { periodYear } from './assessment-period';
import type { AssessmentRecorded, AssessmentRecordedData, Problem } from './assessment.events';
import { currentAssessment, type AssessmentStreamState } from './assessment.state';
import { representativesMeet } from './turnout';

export interface AssessmentContext {
  now: Date;
  /** User id of the actor; null for system replays. */
  by: string | null;
  scale: AssessmentScale;
}

function build(input: AssessmentInput, c: AssessmentContext, id: { assessmentId: string; revision: number }, problems: Problem[]): AssessmentRecordedData {
  return {
    assessmentId: id.assessmentId,
    villageCode: input.villageCode,
    period: input.period,
    year: periodYear(input.period)!,
    revision: id.revision,
    scaleId: c.scale.id,
    memberGrades: input.memberGrades.map((m) => ({ personId: m.personId, name: m.name.trim(), grade: m.grade })),
    teamGrade: input.teamGrade,
    turnout: { invited: input.turnout.invited, returned: input.turnout.returned, representatives: input.turnout.representatives },
    minRepresentativePercent: c.scale.minRepresentativePercent,
    valid: representativesMeet(input.turnout, c.scale.minRepresentativePercent),
    classification: input.classification,
    weak: input.weak,
    problems,
    at: c.now.toISOString(),
    by: c.by,
  };
}

/** Ids `<assessmentId>-p<n>`, numbered on from the highest already given, so an id is never reused. */
function numberProblems(assessmentId: string, inputs: readonly ProblemInput[], known: readonly Problem[]): Problem[] {
  let next = known.reduce((max, p) => Math.max(max, Number(p.problemId.slice(assessmentId.length + 2)) || 0), 0);
  const knownIds = new Set(known.map((p) => p.problemId));
  const used = new Set<string>();
  return inputs.map((p) => {
    if (p.problemId !== undefined && (!knownIds.has(p.problemId) || used.has(p.problemId))) {
      throw new DomainValidationError('assessment.unknown_problem', `问题编号 ${p.problemId} 不属于本次测评或重复出现`, `problem ${p.problemId} not in ${assessmentId}`);
    }
    const problemId = p.problemId ?? `${assessmentId}-p${++next}`;
    used.add(problemId);
    return { problemId, category: p.category.trim(), description: p.description.trim(), severity: p.severity };
  });
}

/**
 * The first assessment of a village and period, or the re-run of an invalid one (too few 群众代表). A
 * valid assessment already on record is changed only by an explicit correction, never by recording again.
 */
export function recordAssessment(s: AssessmentStreamState, input: AssessmentInput, c: AssessmentContext): AssessmentRecorded {
  validateAssessment(input, c.scale, c.now);
  if (input.problems.some((p) => p.problemId !== undefined)) {
    throw new DomainValidationError('assessment.problem_id_on_record', '新录入的问题不应带编号', 'problem ids given on a first record');
  }
  const current = currentAssessment(s);
  if (current?.valid) {
    throw new DomainConflictError('assessment.exists', `该村 ${input.period} 期已有有效测评记录，如需修改请提交更正并说明理由`, `valid assessment ${current.assessmentId} exists`);
  }
  const runs = new Set(s.revisions.map((r) => r.assessmentId)).size;
  const assessmentId = `${input.villageCode}-${input.period}-${runs + 1}`;
  const data = build(input, c, { assessmentId, revision: 1 }, numberProblems(assessmentId, input.problems, []));
  return { type: 'AssessmentRecorded', data: current ? { ...data, rerunOf: current.assessmentId } : data };
}

/**
 * A correction of the assessment in force: names the revision it corrects (a stale one is refused, so
 * two clerks cannot overwrite each other unknowingly) and why; who made it goes into the event.
 */
export function correctAssessment(s: AssessmentStreamState, input: AssessmentInput, correction: { revision: number; reason: string }, c: AssessmentContext): AssessmentRecorded {
  const current = currentAssessment(s);
  if (!current) throw new DomainConflictError('assessment.nothing_to_correct', `该村 ${input.period} 期尚无测评记录，无需更正`, 'no assessment to correct');
  validateAssessment(input, c.scale, c.now);
  const reason = correction.reason.trim();
  if ([...reason].length < 4) throw new DomainValidationError('assessment.correction_reason', '请写明更正理由（至少 4 个字）', 'correction reason too short');
  if (correction.revision !== current.revision) {
    throw new DomainConflictError('assessment.stale_correction', `该测评已更正为第 ${current.revision} 版，请刷新后在最新版本上更正`, `correcting revision ${correction.revision}, current ${current.revision}`);
  }
  const problems = numberProblems(current.assessmentId, input.problems, s.revisions.filter((r) => r.assessmentId === current.assessmentId).flatMap((r) => r.problems));
  const data = build(input, c, { assessmentId: current.assessmentId, revision: current.revision + 1 }, problems);
  if (sameContent(current, data)) throw new DomainConflictError('assessment.correction_unchanged', '更正内容与原记录相同', 'correction changes nothing');
  const kept = new Set(data.memberGrades.map((m) => m.personId));
  const removedPersonIds = current.memberGrades.map((m) => m.personId).filter((id) => !kept.has(id));
  return { type: 'AssessmentRecorded', data: { ...data, corrects: { revision: current.revision, reason, removedPersonIds }, ...(current.rerunOf ? { rerunOf: current.rerunOf } : {}) } };
}

function sameContent(a: AssessmentRecordedData, b: AssessmentRecordedData): boolean {
  const pick = (x: AssessmentRecordedData) => JSON.stringify([x.scaleId, x.teamGrade, x.memberGrades, x.turnout, x.classification, x.weak, x.problems]);
  return pick(a) === pick(b);
}
