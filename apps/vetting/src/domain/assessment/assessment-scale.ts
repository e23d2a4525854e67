/**
 * The grades, classifications and minimum share of 群众代表 of an assessment (研判 / 民主测评), as data:
 * counties grade teams 好/一般/较差 or 先进/一般/后进 (seed 004 report 3) and set their own minimum
 * share ("各村(社区)组织50人现场填写了《村(社区)“两委”班子综合分析研判调查问卷》,参与问卷调查的群众代表
 * 比例不少于60%", seed 004 report 1). An assessment names its scale by id.
 */
export interface AssessmentScale {
  id: string;
  name: string;
  teamGrades: readonly string[];
  /** Member grades; '不称职' feeds the negative list (不称职 within 3 years). */
  memberGrades: readonly string[];
  classifications: readonly string[];
  /**
   * "参与问卷调查的群众代表比例不少于60%": 群众代表 must be at least this percent of the questionnaires
   * returned (the respondents), not of those handed out (integer, inclusive).
   */
  minRepresentativePercent: number;
  /** Classifications a 软弱涣散 village cannot have: a weak party organisation is not a stable village. */
  weakExcludes: readonly string[];
}

const CLASSIFICATIONS = ['平稳', '调整充实', '难点'] as const;

/** 综合分析研判: team 好/一般/较差, four member grades, 群众代表 ≥ 60 % of respondents. */
export const DEFAULT_ASSESSMENT_SCALE: AssessmentScale = {
  id: 'default',
  name: '综合分析研判（好 / 一般 / 较差）',
  teamGrades: ['好', '一般', '较差'],
  memberGrades: ['优秀', '称职', '基本称职', '不称职'],
  classifications: CLASSIFICATIONS,
  minRepresentativePercent: 60,
  weakExcludes: ['平稳'],
};

/** 述职述廉民主测评 (seed 004 report 3): team 先进/一般/后进, members 优秀/称职/基本称职/不称职. */
export const EVALUATION_ASSESSMENT_SCALE: AssessmentScale = {
  id: 'evaluation',
  name: '民主测评（先进 / 一般 / 后进）',
  teamGrades: ['先进', '一般', '后进'],
  memberGrades: ['优秀', '称职', '基本称职', '不称职'],
  classifications: CLASSIFICATIONS,
  minRepresentativePercent: 60,
  weakExcludes: ['平稳'],
};

export const ASSESSMENT_SCALES: ReadonlyMap<string, AssessmentScale> = new Map([DEFAULT_ASSESSMENT_SCALE, EVALUATION_ASSESSMENT_SCALE].map((s) => [s.id, s]));
