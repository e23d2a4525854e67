import { DomainValidationError, shanghaiDateOf, yearOf } from '@lw/domain';
import type { AssessmentScale } from './assessment-scale';
import { periodYear } from './assessment-period';
import { PROBLEM_SEVERITIES, type MemberGrade, type ProblemSeverity } from './assessment.events';
import type { Turnout } from './turnout';

export interface ProblemInput {
  /** Only in a correction: keeps the problem's id (and its grievance case). */
  problemId?: string;
  category: string;
  description: string;
  severity: ProblemSeverity;
}

/** What a clerk enters for one village and period. */
export interface AssessmentInput {
  villageCode: string;
  period: string;
  scaleId: string;
  teamGrade: string;
  memberGrades: readonly MemberGrade[];
  turnout: Turnout;
  classification: string;
  weak: boolean;
  problems: readonly ProblemInput[];
}

/** An 18-character id number anywhere in free text: descriptions travel to grievance and must not carry one. */
const CITIZEN_ID_IN_TEXT = /(?<![0-9])\d{17}[\dXx](?![0-9A-Za-z])/;

/**
 * Checks an assessment against its scale and lists EVERY problem in one Chinese message, so a clerk
 * fixes the form once. Too few 群众代表 among respondents is not an error here: it is recorded as invalid
 * (see the events).
 */
export function validateAssessment(input: AssessmentInput, scale: AssessmentScale, now: Date): void {
  const issues: string[] = [];
  const year = periodYear(input.period);
  if (year === null) issues.push(`测评期次“${input.period}”格式不正确（如 2026、2026-H1、2026-Q3、2026-07）`);
  else if (year > yearOf(shanghaiDateOf(now))) issues.push(`测评期次 ${input.period} 尚未到来`);
  if (!scale.teamGrades.includes(input.teamGrade)) issues.push(`班子评价“${input.teamGrade}”不在本测评等次（${scale.teamGrades.join('、')}）之内`);
  if (!scale.classifications.includes(input.classification)) issues.push(`村分类“${input.classification}”应为${scale.classifications.join('、')}之一`);
  if (input.weak && scale.weakExcludes.includes(input.classification)) issues.push(`软弱涣散村不能归为“${input.classification}”村`);
  const t = input.turnout;
  if (!Number.isInteger(t.invited) || t.invited < 1) issues.push('发放问卷数应为正整数');
  if (!Number.isInteger(t.returned) || t.returned < 0) issues.push('收回问卷数应为不小于 0 的整数');
  else if (t.returned > t.invited) issues.push(`收回问卷数（${t.returned}）不能多于发放数（${t.invited}）`);
  if (!Number.isInteger(t.representatives) || t.representatives < 0) issues.push('群众代表填写份数应为不小于 0 的整数');
  else if (t.representatives > t.returned) issues.push(`群众代表填写份数（${t.representatives}）不能多于收回问卷数（${t.returned}）`);
  if (input.memberGrades.length === 0) issues.push('请至少填写一名班子成员的测评等次');
  const seen = new Set<string>();
  input.memberGrades.forEach((m, i) => {
    const who = m.name.trim() || `第 ${i + 1} 名成员`;
    if (!m.personId.trim()) issues.push(`${who}：缺少人员编号`);
    else if (seen.has(m.personId)) issues.push(`${who}：同一人重复测评`);
    seen.add(m.personId);
    if (!m.name.trim() || [...m.name].length > 50) issues.push(`第 ${i + 1} 名成员：姓名为空或超过 50 字`);
    if (!scale.memberGrades.includes(m.grade)) issues.push(`${who}：等次“${m.grade}”应为${scale.memberGrades.join('、')}之一`);
  });
  input.problems.forEach((p, i) => {
    const n = `问题 ${i + 1}`;
    if (!p.category.trim() || [...p.category].length > 50) issues.push(`${n}：类别为空或超过 50 字`);
    if (!p.description.trim() || p.description.length > 5000) issues.push(`${n}：描述为空或超过 5000 字`);
    else if (CITIZEN_ID_IN_TEXT.test(p.description)) issues.push(`${n}：描述中不应填写身份证号码`);
    if (!PROBLEM_SEVERITIES.includes(p.severity)) issues.push(`${n}：严重程度应为一般、较重或严重`);
  });
  if (issues.length) {
    throw new DomainValidationError('assessment.invalid', issues.join('；'), `assessment ${input.villageCode}/${input.period}: ${issues.length} issue(s)`);
  }
}
