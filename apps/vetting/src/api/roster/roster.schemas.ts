import { z } from 'zod';
import { DIVISION_LEVELS, FULL_DIVISION_CODE_LENGTH, requestDateSchema, requestDivisionCodeSchema } from '@lw/domain';

const date = requestDateSchema('不是有效日期（应为 YYYY-MM-DD）');
const village = requestDivisionCodeSchema(['village'], `村（社区）代码应为 ${FULL_DIVISION_CODE_LENGTH} 位数字`);
const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max, `不能超过 ${max} 字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 字`).nullish();

/** Multipart fields of POST /vetting/roster/import (all arrive as text). */
export const importFieldsSchema = z
  .object({
    mode: z.enum(['all_or_nothing', 'valid_rows_only'], { error: '导入方式应为 all_or_nothing（有错全不导入）或 valid_rows_only（只导入无误的行）' }).default('all_or_nothing'),
    dryRun: z.enum(['true', 'false'], { error: 'dryRun 应为 true 或 false' }).default('false').transform((v) => v === 'true'),
    date: date.optional(),
  })
  .strict();

export const recordSchema = z
  .object({
    recordId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '记录编号格式不正确').optional(),
    kind: text(100, '请填写处分或记录类别'),
    date,
    endsOn: date.nullish(),
    source: optionalText(200),
  })
  .strict();

export const endRecordSchema = z.object({ endsOn: date, reason: optionalText(500) }).strict();

export const appraisalSchema = z
  .object({
    year: z.number({ error: '考核年度应为数字' }).int('考核年度应为整数'),
    grade: z.enum(['优秀', '称职', '基本称职', '不称职'], { error: '考核等次应为：优秀、称职、基本称职、不称职' }),
  })
  .strict();

export const relativeSchema = z.object({ relativeId: text(64, '请选择亲属'), kind: text(10, '请填写亲属关系（如配偶、兄弟姐妹）') }).strict();

export const roleSchema = z.object({ role: text(20, '请填写职务（如会计、报账员）'), villageCode: village, since: date, until: date.nullish() }).strict();

export const investigationSchema = z
  .object({ investigationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确').optional(), since: date, source: optionalText(200) })
  .strict();

export const closeInvestigationSchema = z.object({ closedOn: date, conclusion: optionalText(500) }).strict();

export const endHoldingSchema = z
  .object({
    personId: text(64, '请选择人员'),
    body: z.enum(['party', 'committee', 'supervision', 'reserve'], { error: '班子应为 party、committee、supervision 或 reserve' }),
    post: text(20, '请填写职务'),
    on: date,
  })
  .strict();

export const rosterDateSchema = z.object({ date: date.optional() }).strict();

export const basicSituationSchema = z
  .object({ scope: requestDivisionCodeSchema(DIVISION_LEVELS, '范围应为区划代码'), date, lastElectionDate: date })
  .strict()
  .refine((q) => q.lastElectionDate <= q.date, { message: '上次换届日期不能晚于统计日期', path: ['lastElectionDate'] });

export const ROSTER_FIELD_LABELS: Record<string, string> = {
  mode: '导入方式',
  dryRun: '试导入',
  date: '日期',
  kind: '类别',
  endsOn: '影响期截止日期',
  source: '来源',
  year: '考核年度',
  grade: '考核等次',
  relativeId: '亲属',
  role: '职务',
  villageCode: '村（社区）代码',
  since: '开始日期',
  until: '结束日期',
  closedOn: '办结日期',
  personId: '人员',
  body: '班子',
  post: '职务',
  on: '离任日期',
  scope: '统计范围',
  lastElectionDate: '上次换届日期',
};
