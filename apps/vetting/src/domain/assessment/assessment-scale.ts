/**
 * The grades, classifications and minimum turnout of an assessment (研判 / 民主测评), as data: counties
 * grade teams 好/一般/较差 or 先进/一般/后进 (seed 004 report 3) and set their own minimum turnout
 * ("参与问卷调查的群众代表比例不少于60%", seed 004 report 1). An assessment names its scale by id.
 */
export interface AssessmentScale {
  id: string;
  name: string;
  teamGrades: readonly string[];
  /** Member grades; '不称职' feeds the negative list (不称职 within 3 years). */
  memberGrades: readonly string[];
  classifications: readonly string[];
  /** Returned questionnaires must be at least this percent of those handed out (integer, inclusive). */
  minTurnoutPercent: number;
  /** Classifications a 软弱涣散 village cannot have: a weak party organisation is not a stable village. */
  weakExcludes: readonly string[];
}

const CLASSIFICATIONS = ['平稳', '调整充实', '难点'] as const;

/** 综合分析研判: team 好/一般/较差, four member grades, ≥ 60 % of questionnaires returned. */
export const DEFAULT_ASSESSMENT_SCALE: AssessmentScale = {
  id: 'default',
  name: '综合分析研判（好 / 一般 / 较差）',
  teamGrades: ['好', '一般', '较差'],
  memberGrades: ['优秀', '称职', '基本称职', '不称职'],
  classifications: CLASSIFICATIONS,
  minTurnoutPercent: 60,
  weakExcludes: ['平稳'],
};

/** 述职述廉民主测评 (seed 004 report 3): team 先进/一般/后进, members 优秀/称职/基本称职/不称职. */
export const EVALUATION_ASSESSMENT_SCALE: AssessmentScale = {
  id: 'evaluation',
  name: '民主测评（先进 / 一般 / 后进）',
  teamGrades: ['先进', '一般', '后进'],
  memberGrades: ['优秀', '称职', '基本称职', '不称职'],
  classifications: CLASSIFICATIONS,
  minTurnoutPercent: 60,
  weakExcludes: ['平稳'],
};

export const ASSESSMENT_SCALES: ReadonlyMap<string, AssessmentScale> = new Map([DEFAULT_ASSESSMENT_SCALE, EVALUATION_ASSESSMENT_SCALE].map((s) => [s.id, s]));
