import { DEFAULT_ASSESSMENT_SCALE } from './assessment-scale';
import { EMPTY_ASSESSMENT_STREAM } from './assessment.state';
import type { AssessmentInput } from './assessment-input';
import { summariseAssessments } from './assessment-summary';
import { recordAssessment } from './assessment.decisions';

const record = (villageCode: string, o: Partial<AssessmentInput>) =>
  recordAssessment(
    EMPTY_ASSESSMENT_STREAM,
    {
      villageCode,
      period: '2026',
      scaleId: 'default',
      teamGrade: '好',
      memberGrades: [
        { personId: `${villageCode}-1`, name: '甲', grade: '称职' },
        { personId: `${villageCode}-2`, name: '乙', grade: '优秀' },
      ],
      turnout: { invited: 50, returned: 40, representatives: 24 },
      classification: '平稳',
      weak: false,
      problems: [],
      ...o,
    },
    { now: new Date('2026-11-30T00:00:00Z'), by: 'u', scale: DEFAULT_ASSESSMENT_SCALE },
  ).data;

describe('assessment summary per period', () => {
  it('counts villages per classification, weak villages, invalid ones and member grades; invalid ones only as invalid', () => {
    const rows = [
      record('320724100201', {}),
      record('320724100202', { classification: '难点', weak: true, teamGrade: '较差', memberGrades: [{ personId: 'x', name: '丙', grade: '不称职' }] }),
      record('320724100203', { classification: '调整充实', teamGrade: '一般' }),
      record('320724100204', { classification: '难点', weak: true, turnout: { invited: 50, returned: 40, representatives: 23 } }), // 57.5 % 群众代表
    ];
    expect(summariseAssessments('2026', rows)).toEqual({
      period: '2026',
      assessed: 4,
      valid: 3,
      classification: { 平稳: 1, 调整充实: 1, 难点: 1 },
      teamGrades: { 好: 1, 较差: 1, 一般: 1 },
      weak: { count: 1, villages: ['320724100202'] },
      invalid: { count: 1, villages: ['320724100204'] },
      memberGrades: { 优秀: 2, 称职: 2, 基本称职: 0, 不称职: 1 },
    });
  });
});
