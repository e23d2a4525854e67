import { DomainConflictError, DomainValidationError } from '@lw/domain';
import { DEFAULT_ASSESSMENT_SCALE, EVALUATION_ASSESSMENT_SCALE } from './assessment-scale';
import type { AssessmentInput } from './assessment-input';
import { evolveAssessment, EMPTY_ASSESSMENT_STREAM, type AssessmentStreamState } from './assessment.state';
import { correctAssessment, recordAssessment, type AssessmentContext } from './assessment.decisions';
import { representativesMeet } from './turnout';
import type { AssessmentRecordedData } from './assessment.events';
import { summariseAssessments } from './assessment-summary';

const NOW = new Date('2026-11-30T02:00:00Z');
const ctx = (by = 'u-township', scale = DEFAULT_ASSESSMENT_SCALE): AssessmentContext => ({ now: NOW, by, scale });

const input = (o: Partial<AssessmentInput> = {}): AssessmentInput => ({
  villageCode: '320724100201',
  period: '2026',
  scaleId: 'default',
  teamGrade: '好',
  memberGrades: [
    { personId: 'p1', name: '张明华', grade: '优秀' },
    { personId: 'p2', name: '王秀英', grade: '称职' },
  ],
  turnout: { invited: 50, returned: 50, representatives: 30 },
  classification: '平稳',
  weak: false,
  problems: [{ category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'general' }],
  ...o,
});

const apply = (s: AssessmentStreamState, e: { type: string; data: unknown }) => evolveAssessment(s, e);

function zhOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as DomainValidationError).messageZh;
  }
  throw new Error('expected an error');
}

// Seed 004 report 1: "各村(社区)组织50人现场填写了《村(社区)“两委”班子综合分析研判调查问卷》,参与问卷调查的
// 群众代表比例不少于60%" — the share of 群众代表 among the people who answered, not returned ÷ issued.
describe('群众代表 among questionnaire respondents (参与问卷调查的群众代表比例不少于60%)', () => {
  it('meets 60 % with exactly 60 % of respondents 群众代表 and fails with one fewer, in integers', () => {
    expect(representativesMeet({ invited: 50, returned: 50, representatives: 30 }, 60)).toBe(true);
    expect(representativesMeet({ invited: 50, returned: 50, representatives: 29 }, 60)).toBe(false);
    // 3 of 5 is exactly 60 %; in floats 3/5*100 is 60.00000000000001, which must not matter either way.
    expect(representativesMeet({ invited: 5, returned: 5, representatives: 3 }, 60)).toBe(true);
    expect(representativesMeet({ invited: 7, returned: 7, representatives: 4 }, 60)).toBe(false); // 57.1 %
    // 57 of 100 at 57 %: 0.57 * 100 is 56.99999999999999 in floats; integers say it meets.
    expect(representativesMeet({ invited: 100, returned: 100, representatives: 57 }, 57)).toBe(true);
    // Nobody answered: nothing to judge on.
    expect(representativesMeet({ invited: 50, returned: 0, representatives: 0 }, 60)).toBe(false);
  });

  it('is invalid when every questionnaire came back (100 %) but only half the respondents are 群众代表', () => {
    const half = recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout: { invited: 50, returned: 50, representatives: 25 } }), ctx()).data;
    expect(half).toMatchObject({ valid: false, minRepresentativePercent: 60, turnout: { invited: 50, returned: 50, representatives: 25 } });
  });

  it('is valid when only half came back (50 %) but 60 % of the respondents are 群众代表', () => {
    const data = recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout: { invited: 100, returned: 50, representatives: 30 } }), ctx()).data;
    expect(data).toMatchObject({ valid: true, minRepresentativePercent: 60 });
    expect(data).not.toHaveProperty('minTurnoutPercent');
  });

  it('records one 群众代表 too few as invalid (to be re-run), not refused', () => {
    expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input(), ctx()).data).toMatchObject({ valid: true, minRepresentativePercent: 60 });
    const low = recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout: { invited: 50, returned: 50, representatives: 29 } }), ctx()).data;
    expect(low).toMatchObject({ valid: false, turnout: { invited: 50, returned: 50, representatives: 29 } });
  });

  it('takes the minimum from the scale (data)', () => {
    const strict = { ...DEFAULT_ASSESSMENT_SCALE, minRepresentativePercent: 80 };
    expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout: { invited: 60, returned: 50, representatives: 39 } }), ctx('u', strict)).data.valid).toBe(false);
    expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout: { invited: 60, returned: 50, representatives: 40 } }), ctx('u', strict)).data.valid).toBe(true);
  });

  it.each([
    [{ invited: 0, returned: 0, representatives: 0 }, '发放问卷数应为正整数'],
    [{ invited: 50, returned: 51, representatives: 30 }, '收回问卷数（51）不能多于发放数（50）'],
    [{ invited: 50, returned: -1, representatives: 0 }, '收回问卷数应为不小于 0 的整数'],
    [{ invited: 50.5, returned: 30, representatives: 20 }, '发放问卷数应为正整数'],
    [{ invited: 50, returned: 40, representatives: 41 }, '群众代表填写份数（41）不能多于收回问卷数（40）'],
    [{ invited: 50, returned: 40, representatives: -1 }, '群众代表填写份数应为不小于 0 的整数'],
    [{ invited: 50, returned: 40, representatives: 2.5 }, '群众代表填写份数应为不小于 0 的整数'],
  ])('refuses turnout %j', (turnout, zh) => {
    expect(zhOf(() => recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout }), ctx()))).toContain(zh);
  });
});

describe('assessments recorded before the seed’s rule (returned ÷ issued)', () => {
  // As stored then: no representatives, the minimum was a turnout, and `valid` was judged on it.
  const legacy = (o: Partial<AssessmentRecordedData>): AssessmentRecordedData => {
    const { minRepresentativePercent: _, ...data } = recordAssessment(EMPTY_ASSESSMENT_STREAM, input(), ctx()).data;
    return { ...data, turnout: { invited: 50, returned: 30 }, minTurnoutPercent: 60, ...o };
  };

  it('folds them as they were judged then: their stored valid stands, nothing is recomputed', () => {
    const judgedValid = apply(EMPTY_ASSESSMENT_STREAM, { type: 'AssessmentRecorded', data: legacy({ valid: true }) });
    expect(judgedValid.revisions[0]).toMatchObject({ valid: true, turnout: { invited: 50, returned: 30 }, minTurnoutPercent: 60 });
    const low = legacy({ villageCode: '320724100202', valid: false, turnout: { invited: 50, returned: 29 } });
    expect(summariseAssessments('2026', [judgedValid.revisions[0], low])).toMatchObject({ assessed: 2, valid: 1, invalid: { count: 1, villages: ['320724100202'] } });
  });

  it('refuses a second record over one valid then, and judges a correction of it by the seed’s rule', () => {
    const s = apply(EMPTY_ASSESSMENT_STREAM, { type: 'AssessmentRecorded', data: legacy({ valid: true }) });
    expect(() => recordAssessment(s, input(), ctx())).toThrow(DomainConflictError);
    const kept = [{ problemId: '320724100201-2026-1-p1', category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'general' as const }];
    const fixed = correctAssessment(s, input({ problems: kept, turnout: { invited: 50, returned: 30, representatives: 15 } }), { revision: 1, reason: '补录群众代表人数' }, ctx()).data;
    expect(fixed).toMatchObject({ revision: 2, valid: false, minRepresentativePercent: 60, turnout: { invited: 50, returned: 30, representatives: 15 } });
  });

  it('re-runs one judged invalid then', () => {
    const s = apply(EMPTY_ASSESSMENT_STREAM, { type: 'AssessmentRecorded', data: legacy({ valid: false, turnout: { invited: 50, returned: 20 } }) });
    expect(recordAssessment(s, input(), ctx()).data).toMatchObject({ assessmentId: '320724100201-2026-2', rerunOf: '320724100201-2026-1', valid: true });
  });
});

describe('grades and classification (validation in Chinese)', () => {
  it('accepts the grades of the scale named, and only those', () => {
    expect(zhOf(() => recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ teamGrade: '先进' }), ctx()))).toContain('班子评价“先进”不在本测评等次（好、一般、较差）之内');
    expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ teamGrade: '先进', scaleId: 'evaluation' }), ctx('u', EVALUATION_ASSESSMENT_SCALE)).data.teamGrade).toBe('先进');
    expect(zhOf(() => recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ memberGrades: [{ personId: 'p1', name: '张明华', grade: '良好' }] }), ctx()))).toBe(
      '张明华：等次“良好”应为优秀、称职、基本称职、不称职之一',
    );
    for (const grade of ['优秀', '称职', '基本称职', '不称职']) {
      expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ memberGrades: [{ personId: 'p1', name: '张明华', grade }] }), ctx()).data.memberGrades[0].grade).toBe(grade);
    }
  });

  it('lists every problem of the form at once', () => {
    const zh = zhOf(() =>
      recordAssessment(
        EMPTY_ASSESSMENT_STREAM,
        input({
          classification: '良好',
          memberGrades: [
            { personId: 'p1', name: '张明华', grade: '称职' },
            { personId: 'p1', name: '张明华', grade: '称职' },
          ],
          problems: [{ category: '', description: '身份证 320724198106300017 的人员', severity: 'general' }],
        }),
        ctx(),
      ),
    );
    expect(zh.split('；')).toEqual(['村分类“良好”应为平稳、调整充实、难点之一', '张明华：同一人重复测评', '问题 1：类别为空或超过 50 字', '问题 1：描述中不应填写身份证号码']);
  });

  it('refuses a 软弱涣散 village classified 平稳, accepts it as 调整充实 or 难点', () => {
    expect(zhOf(() => recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ weak: true }), ctx()))).toBe('软弱涣散村不能归为“平稳”村');
    expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ weak: true, classification: '难点' }), ctx()).data.weak).toBe(true);
  });

  it('reads the period and refuses one not yet begun', () => {
    expect(recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ period: '2026-H2' }), ctx()).data.year).toBe(2026);
    expect(zhOf(() => recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ period: '2027' }), ctx()))).toBe('测评期次 2027 尚未到来');
    expect(zhOf(() => recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ period: '2026-13' }), ctx()))).toContain('测评期次“2026-13”格式不正确');
  });
});

describe('recording, re-running and correcting', () => {
  it('refuses a second record over a valid one: changing it takes a correction', () => {
    const s = apply(EMPTY_ASSESSMENT_STREAM, recordAssessment(EMPTY_ASSESSMENT_STREAM, input(), ctx()));
    const err = (() => {
      try {
        recordAssessment(s, input({ teamGrade: '较差' }), ctx());
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DomainConflictError);
    expect((err as DomainConflictError).code).toBe('assessment.exists');
  });

  it('re-runs an invalid assessment (too few 群众代表), as a new assessment naming the old one', () => {
    const first = recordAssessment(EMPTY_ASSESSMENT_STREAM, input({ turnout: { invited: 50, returned: 50, representatives: 20 } }), ctx());
    const rerun = recordAssessment(apply(EMPTY_ASSESSMENT_STREAM, first), input(), ctx()).data;
    expect(first.data.assessmentId).toBe('320724100201-2026-1');
    expect(rerun).toMatchObject({ assessmentId: '320724100201-2026-2', rerunOf: '320724100201-2026-1', revision: 1, valid: true });
    expect(rerun.problems[0].problemId).toBe('320724100201-2026-2-p1');
  });

  it('records a correction as a new revision naming the revision, the reason and who corrected it', () => {
    const first = recordAssessment(EMPTY_ASSESSMENT_STREAM, input(), ctx('u-township'));
    const s = apply(EMPTY_ASSESSMENT_STREAM, first);
    const fixed = input({
      memberGrades: [
        { personId: 'p1', name: '张明华', grade: '优秀' },
        { personId: 'p2', name: '王秀英', grade: '不称职' },
      ],
      problems: [
        { problemId: '320724100201-2026-1-p1', category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'major' },
        { category: '财务管理', description: '白条入账。', severity: 'serious' },
      ],
    });
    const c = correctAssessment(s, fixed, { revision: 1, reason: '录入时等次填错' }, ctx('u-org'));
    expect(c.type).toBe('AssessmentRecorded');
    expect(c.data).toMatchObject({ assessmentId: first.data.assessmentId, revision: 2, by: 'u-org', corrects: { revision: 1, reason: '录入时等次填错', removedPersonIds: [] } });
    expect(c.data.memberGrades[1].grade).toBe('不称职');
    expect(c.data.problems.map((p) => p.problemId)).toEqual(['320724100201-2026-1-p1', '320724100201-2026-1-p2']);
    // The original is untouched: both revisions stay, the newest in force.
    const after = apply(s, c);
    expect(after.revisions.map((r) => [r.revision, r.by])).toEqual([[1, 'u-township'], [2, 'u-org']]);
  });

  it('refuses a correction of a stale revision, without a reason, with no change, or inventing problem ids', () => {
    const s1 = apply(EMPTY_ASSESSMENT_STREAM, recordAssessment(EMPTY_ASSESSMENT_STREAM, input(), ctx()));
    const kept = [{ problemId: '320724100201-2026-1-p1', category: '村务公开', description: '村务公开栏三个月未更新。', severity: 'general' as const }];
    const s2 = apply(s1, correctAssessment(s1, input({ teamGrade: '一般', problems: kept }), { revision: 1, reason: '班子评价更正' }, ctx()));
    expect(() => correctAssessment(s2, input({ teamGrade: '较差' }), { revision: 1, reason: '班子评价更正' }, ctx())).toThrow(DomainConflictError);
    expect(zhOf(() => correctAssessment(s2, input({ teamGrade: '较差' }), { revision: 2, reason: '改' }, ctx()))).toBe('请写明更正理由（至少 4 个字）');
    const same = input({ teamGrade: '一般', problems: kept });
    expect(zhOf(() => correctAssessment(s2, same, { revision: 2, reason: '重复提交一次' }, ctx()))).toBe('更正内容与原记录相同');
    const invented = input({ problems: [{ problemId: 'x-p9', category: '村务公开', description: '说明', severity: 'general' }] });
    expect(zhOf(() => correctAssessment(s2, invented, { revision: 2, reason: '补充问题说明' }, ctx()))).toContain('问题编号 x-p9 不属于本次测评');
    expect(() => correctAssessment(EMPTY_ASSESSMENT_STREAM, input(), { revision: 1, reason: '没有原记录' }, ctx())).toThrow(DomainConflictError);
  });

  it('never reuses a problem id after a problem is dropped', () => {
    const s1 = apply(EMPTY_ASSESSMENT_STREAM, recordAssessment(EMPTY_ASSESSMENT_STREAM, input(), ctx()));
    const dropped = correctAssessment(s1, input({ problems: [], memberGrades: [{ personId: 'p1', name: '张明华', grade: '优秀' }] }), { revision: 1, reason: '问题已核实不存在' }, ctx());
    expect(dropped.data.corrects?.removedPersonIds).toEqual(['p2']); // graded by mistake: consumers re-check p2
    const s2 = apply(s1, dropped);
    const readded = correctAssessment(s2, input({ problems: [{ category: '其他', description: '新问题。', severity: 'general' }] }), { revision: 2, reason: '补录新发现问题' }, ctx());
    expect(readded.data.problems[0].problemId).toBe('320724100201-2026-1-p2');
  });
});
