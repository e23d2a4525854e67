import { z } from 'zod';
import { DIVISION_LEVELS, FULL_DIVISION_CODE_LENGTH, requestDateSchema, requestDivisionCodeSchema } from '@lw/domain';

const village = requestDivisionCodeSchema(['village'], `村/社区代码应为 ${FULL_DIVISION_CODE_LENGTH} 位数字`);
/** A node of any level; whether it lies in the actor's area is the handler's check. */
const scope = requestDivisionCodeSchema(DIVISION_LEVELS, '区域代码格式不正确');
const period = z.string().regex(/^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/, '测评期次应如 2026、2026-H1、2026-Q3 或 2026-07');
const count = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}过大`);

const member = z
  .object({
    personId: z.string().min(1, '缺少人员编号').max(40, '人员编号过长'),
    name: z.string().min(1, '请填写姓名').max(50, '姓名过长'),
    grade: z.string().min(1, '请填写等次').max(10),
  })
  .strict();

const problem = z
  .object({
    category: z.string().min(1, '请填写问题类别').max(50, '问题类别过长'),
    description: z.string().min(1, '请填写问题描述').max(5000, '问题描述不超过 5000 字'),
    severity: z.enum(['general', 'major', 'serious'], { error: '严重程度应为 general（一般）、major（较重）或 serious（严重）' }),
  })
  .strict();

/** The assessment itself; village and period come from the body (record) or the URL (correction). */
const content = {
  scaleId: z.string().min(1).max(20).default('default'),
  teamGrade: z.string().min(1, '请填写班子评价等次').max(10),
  memberGrades: z.array(member).min(1, '请至少填写一名班子成员的测评等次').max(50),
  /** Handed out, returned, and how many of the returned 群众代表 answered (validity: their share of the returned). */
  turnout: z.object({ invited: count('发放问卷数'), returned: count('收回问卷数'), representatives: count('群众代表填写份数') }).strict(),
  classification: z.string().min(1, '请填写村分类').max(10),
  weak: z.boolean({ error: '软弱涣散应为 true 或 false' }),
};

export const recordAssessmentSchema = z.object({ villageCode: village, period, ...content, problems: z.array(problem).max(100).default([]) }).strict();

export const correctAssessmentSchema = z
  .object({
    /** The revision being corrected (the one the clerk saw). */
    revision: z.number().int().min(1, '请注明更正的版本'),
    reason: z.string().min(1, '请写明更正理由').max(1000),
    ...content,
    problems: z.array(problem.extend({ problemId: z.string().min(1).max(80).optional() }).strict()).max(100).default([]),
  })
  .strict();

const bool = z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true');

export const listAssessmentsSchema = z
  .object({ scope: scope.optional(), period: period.optional(), classification: z.string().max(10).optional(), weak: bool.optional() })
  .strict();

export const summarySchema = z.object({ scope: scope.optional(), period }).strict();

export const pathSchema = z.object({ villageCode: village, period }).strict();
export const villageSchema = village;

const date = requestDateSchema('日期格式应为 YYYY-MM-DD');
export const targetsQuerySchema = z
  .object({ scope: scope.optional(), before: date.optional(), after: date.optional(), pack: z.string().min(1).max(40).default('default') })
  .strict();
