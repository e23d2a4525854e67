import { z } from 'zod';
import { requestDateSchema, requestDivisionCodeSchema } from '@lw/domain';
import { CASE_SOURCE_KINDS, CASE_STATUSES, MANUAL_SOURCE_KINDS, SEVERITIES } from '../domain';

const date = requestDateSchema('日期应为 YYYY-MM-DD 格式的有效日期');
/** A county, township or village the ledger narrows to. */
const node = requestDivisionCodeSchema(['county', 'township', 'village'], '区划代码不正确');
const version = z.number().int().min(1).optional();
const person = z.object({ name: z.string().min(1, '请填写姓名').max(50, '姓名不能超过 50 字'), post: z.string().max(50, '职务不能超过 50 字').nullish() }).strict();
const attachments = z.array(z.string().min(1).max(500, '附件引用过长')).max(20, '附件不能超过 20 个').default([]);
const list = <T extends readonly [string, ...string[]]>(values: T, msg: string) =>
  z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(values, { error: msg })))
    .optional();

/** A case entered by hand: a 回头看 inspection finding, a citizen's request, a democratic-evaluation complaint. */
export const openCaseSchema = z
  .object({
    villageCode: requestDivisionCodeSchema(['village'], '村/社区代码应为 12 位数字'),
    source: z.enum(MANUAL_SOURCE_KINDS, { error: '问题来源应为“回头看”检查、民主测评或群众诉求' }),
    sourceRef: z.string().min(1).max(100).nullish(),
    category: z.string({ error: '请填写问题类别' }).min(1, '请填写问题类别').max(100),
    severity: z.enum(SEVERITIES, { error: '严重程度应为一般、较重或严重' }).default('general'),
    description: z.string({ error: '请填写问题描述' }).min(1, '请填写问题描述').max(5000, '问题描述不能超过 5000 字'),
    measures: z.string({ error: '请填写整改措施' }).min(1, '请填写整改措施').max(5000, '整改措施不能超过 5000 字'),
    responsibleUnit: z.string().min(1).max(100).nullish(),
    responsiblePerson: person.nullish(),
    startOn: date.optional(),
    workingDays: z.number().int().min(1, '整改时限至少 1 个工作日').max(250, '整改时限不能超过 250 个工作日').optional(),
    due: date.optional(),
    milestones: z.array(z.object({ title: z.string().min(1).max(200), dueOn: date.nullish() }).strict()).max(20).default([]),
  })
  .strict()
  .refine((b) => !(b.workingDays && b.due), { message: '整改时限请填写工作日数或截止日期其中之一', path: ['due'] });

export const noteSchema = z.object({ text: z.string({ error: '请填写整改进展' }).min(1, '请填写整改进展').max(5000), attachments }).strict();
export const applySchema = z.object({ evidence: z.string({ error: '请说明整改佐证材料' }).min(1, '请说明整改佐证材料').max(5000), attachments, expectedVersion: version }).strict();
export const closeSchema = z.object({ summary: z.string({ error: '请填写销号意见' }).min(1, '请填写销号意见').max(5000), expectedVersion: version }).strict();
export const returnSchema = z.object({ reasons: z.string({ error: '请填写退回理由' }).min(1, '请填写退回理由').max(5000), expectedVersion: version }).strict();
const limit = {
  reason: z.string({ error: '请填写理由' }).min(1, '请填写理由').max(1000),
  workingDays: z.number().int().min(1).max(250).optional(),
  due: date.optional(),
  expectedVersion: version,
};
export const reopenSchema = z.object(limit).strict();
export const deadlineSchema = z
  .object(limit)
  .strict()
  .refine((b) => (b.workingDays === undefined) !== (b.due === undefined), { message: '请填写新的截止日期或工作日数（二选一）', path: ['due'] });
export const responsibleSchema = z.object({ responsibleUnit: z.string().min(1).max(100), responsiblePerson: person.nullable(), reason: limit.reason }).strict();

export const ledgerQuerySchema = z
  .object({
    node: node.optional(),
    source: list(CASE_SOURCE_KINDS, '问题来源不正确'),
    category: z.string().max(100).optional(),
    light: list(['green', 'yellow', 'red', 'none'] as const, '预警灯应为 green、yellow、red 或 none'),
    status: list(CASE_STATUSES, '状态不正确'),
    severity: list(SEVERITIES, '严重程度不正确'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const exportQuerySchema = ledgerQuerySchema.omit({ limit: true, offset: true });

/** `from`–`to` (Asia/Shanghai dates, both or neither): the figures of that period instead of the ledger as it stands. */
export const statsQuerySchema = z
  .object({
    by: z.enum(['village', 'township', 'county'], { error: '统计口径应为 village、township 或 county' }).default('township'),
    node: node.optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .strict()
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: '起始日期和截止日期须同时填写', path: ['from'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始日期不能晚于截止日期', path: ['from'] });

export const liaisonSchema = z
  .object({ name: z.string({ error: '请填写联村领导姓名' }).min(1, '请填写联村领导姓名').max(50), post: z.string().max(50).nullish(), userId: z.string().min(1).max(100).nullish() })
  .strict();

export const CASE_FIELD_LABELS: Record<string, string> = {
  villageCode: '村/社区',
  source: '问题来源',
  category: '问题类别',
  severity: '严重程度',
  description: '问题描述',
  measures: '整改措施',
  startOn: '交办日期',
  workingDays: '整改时限',
  due: '整改时限',
  text: '整改进展',
  evidence: '佐证材料',
  summary: '销号意见',
  reasons: '退回理由',
  reason: '理由',
  name: '姓名',
};

/** The statistics query's fields as the messages name them. */
export const STATS_LABELS: Record<string, string> = { from: '起始日期', to: '截止日期' };
