import { z } from 'zod';
import { requestDateSchema, requestDivisionCodeSchema } from '@lw/domain';

const village = requestDivisionCodeSchema(['village'], '村/社区代码应为 12 位数字');
/** A county, township or village a list or summary narrows to. */
const node = requestDivisionCodeSchema(['county', 'township', 'village'], '区划代码格式不正确');
const date = requestDateSchema('日期应为 YYYY-MM-DD 格式的有效日期');
const person = z.object({ name: z.string().trim().min(1, '请填写姓名').max(50), post: z.string().trim().max(30).nullish() }).strict();
/** Yuan as a decimal string: a JSON number would already have been a float. */
const yuan = z.string({ error: '金额须以字符串填写，如 "1234.56"' }).max(20);

/** A 三资 audit opened by hand. */
export const openEngagementSchema = z
  .object({
    villageCode: village,
    persons: z.array(person).max(20).default([]),
    periodFrom: date,
    periodTo: date,
    auditors: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  })
  .strict();

export const fieldworkSchema = z.object({ auditors: z.array(z.string().trim().min(1).max(50)).min(1, '请至少指定一名审计人员').max(20).optional() }).strict();
export const concludeSchema = z.object({ summary: z.string().max(5000).nullish() }).strict();

export const findingSchema = z
  .object({
    category: z.string().min(1, '请选择问题类别').max(40),
    severity: z.enum(['general', 'major', 'serious'], { error: '性质应为 general（一般）、major（较重）或 serious（严重）' }),
    amount: yuan.nullish(),
    description: z.string().trim().min(1, '请写明问题的具体情况').max(5000),
    responsiblePersons: z.array(person).max(20).default([]),
    evidence: z.array(z.object({ fileName: z.string().min(1).max(200), sha256: z.string().max(64) }).strict()).max(50).default([]),
    rectificationRequired: z.boolean({ error: '请说明是否需要整改' }),
    violationSuspected: z.boolean().default(false),
  })
  .strict();

export type FindingInput = z.infer<typeof findingSchema>;

export const amendmentSchema = findingSchema.extend({ reason: z.string().trim().min(1, '请写明更正理由').max(1000) }).strict();

export const listQuerySchema = z
  .object({
    electionId: z.string().max(64).optional(),
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(['planned', 'fieldwork', 'draft', 'concluded', 'published'], { error: '状态取值不正确' })))
      .optional(),
    kind: z.enum(['outgoing', 'three_assets'], { error: '审计类型应为 outgoing 或 three_assets' }).optional(),
    village: node.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const summaryQuerySchema = z.object({ electionId: z.string().max(64).optional() }).strict();

/**
 * The summary's query: optionally narrowed to a township or village (`node`, inside the user's own
 * subtree) and to a period (`from`–`to`, Asia/Shanghai dates, both or neither) for reports that
 * compare one period with the previous one.
 */
export const periodSummaryQuerySchema = summaryQuerySchema
  .extend({ node: node.optional(), from: date.optional(), to: date.optional() })
  .strict()
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: '起始日期和截止日期须同时填写', path: ['from'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始日期不能晚于截止日期', path: ['from'] });

/** The summary query's fields as the messages name them. */
export const SUMMARY_LABELS: Record<string, string> = { from: '起始日期', to: '截止日期', node: '统计范围' };

export const FIELD_LABELS: Record<string, string> = {
  villageCode: '村/社区代码',
  periodFrom: '审计期间起',
  periodTo: '审计期间止',
  category: '问题类别',
  severity: '问题性质',
  amount: '金额',
  description: '问题描述',
  reason: '更正理由',
  rectificationRequired: '是否需要整改',
  name: '姓名',
};
