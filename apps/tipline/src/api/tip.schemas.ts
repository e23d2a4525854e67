import { z } from 'zod';
import { FULL_DIVISION_CODE_LENGTH, dateRangeMessageZh, isRequestInstant, requestDateSchema, requestDivisionCodeSchema } from '@lw/domain';
import { FINDINGS, TIP_CHANNELS, CLERK_CHANNELS, TIP_STATUSES } from '../domain';

const villageCode = requestDivisionCodeSchema(['village'], `村/社区代码应为 ${FULL_DIVISION_CODE_LENGTH} 位数字`);
/** A county, township or village: filters, units and the pickers' parent. */
const placeCode = (message: string) => requestDivisionCodeSchema(['county', 'township', 'village'], message);
const optText = (max: number, msg: string) => z.string().max(max, msg).nullish();

export const subjectSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('person'),
      name: z.string({ error: '请填写被举报人姓名' }).min(1, '请填写被举报人姓名').max(50, '姓名不能超过 50 字'),
      citizenId: z.string().max(18, '身份证号码应为 18 位').nullish(),
      post: optText(50, '职务不能超过 50 字'),
      villageCode: villageCode.nullish(),
    }),
    z.object({ kind: z.literal('village'), villageCode }),
  ],
  { error: '被举报对象应为人员（person）或村/社区（village）' },
);

export const reporterSchema = z.object({
  name: z.string({ error: '实名举报请填写姓名' }).min(1, '实名举报请填写姓名').max(50, '姓名不能超过 50 字'),
  phone: optText(20, '电话号码过长'),
  idNumber: optText(18, '身份证号码应为 18 位'),
  address: optText(200, '地址不能超过 200 字'),
  contact: optText(200, '联系方式不能超过 200 字'),
});

/** The public form (网上举报). */
export const publicTipSchema = z
  .object({
    category: z.string({ error: '请选择举报类别' }).min(1, '请选择举报类别'),
    subjects: z.array(subjectSchema, { error: '请填写被举报对象' }).min(1, '请至少填写一个被举报对象').max(20, '被举报对象不能超过 20 个'),
    text: z.string({ error: '请填写举报内容' }).min(1, '请填写举报内容').max(20000, '举报内容过长'),
    anonymous: z.boolean({ error: '请选择实名或匿名举报' }),
    reporter: reporterSchema.nullish(),
  })
  .strict()
  .refine((t) => t.anonymous || !!t.reporter, { message: '实名举报请填写举报人信息', path: ['reporter'] });

/** A clerk's registration: the public form plus the channel it came through. */
export const clerkTipSchema = z
  .object({
    channel: z.enum(CLERK_CHANNELS as [string, ...string[]], { error: '请选择来源渠道（电话、来信、来访、民情直报员、上级转办）' }),
    category: z.string({ error: '请选择举报类别' }).min(1, '请选择举报类别'),
    subjects: z.array(subjectSchema).min(1, '请至少填写一个被举报对象').max(20, '被举报对象不能超过 20 个'),
    text: z.string({ error: '请填写举报内容' }).min(1, '请填写举报内容').max(20000, '举报内容过长'),
    anonymous: z.boolean({ error: '请选择实名或匿名举报' }),
    reporter: reporterSchema.nullish(),
    transferredFrom: optText(100, '转办单位名称过长'),
    /** When the letter / call / visit reached us, if it is registered later (ISO 8601 with offset). */
    receivedAt: z
      .string()
      .datetime({ offset: true, error: '收到时间格式不正确（例：2026-09-18T10:00:00+08:00）', abort: true })
      .refine(isRequestInstant, dateRangeMessageZh())
      .optional(),
  })
  .strict()
  .refine((t) => t.anonymous || !!t.reporter, { message: '实名举报请填写举报人信息', path: ['reporter'] });

export const receiptSchema = z.object({ code: z.string({ error: '请输入查询码' }).min(1, '请输入查询码').max(64, '查询码格式不正确') }).strict();
export const replySchema = z
  .object({
    code: z.string({ error: '请输入查询码' }).min(1).max(64),
    text: z.string({ error: '请填写回复内容' }).min(1, '请填写回复内容').max(5000, '回复内容不能超过 5000 字'),
    inReplyTo: z.string().uuid().nullish(),
  })
  .strict();

const version = z.number().int().positive().optional();
export const reasonSchema = z.object({ reason: z.string({ error: '请填写理由' }).min(1, '请填写理由').max(1000), expectedVersion: version }).strict();
export const transferSchema = z.object({ to: z.string({ error: '请填写转办单位' }).min(1).max(100), reason: z.string({ error: '请填写转办理由' }).min(1).max(1000), expectedVersion: version }).strict();
export const assignSchema = z.object({ unitCode: placeCode('承办单位代码不正确').nullish(), expectedVersion: version }).strict();
export const noteSchema = z.object({ text: z.string({ error: '请填写核实记录' }).min(1).max(5000) }).strict();
export const taskSchema = z.object({ title: z.string({ error: '请填写任务内容' }).min(1).max(200), dueOn: requestDateSchema('日期格式应为 YYYY-MM-DD').nullish() }).strict();
export const concludeSchema = z
  .object({
    finding: z.enum(FINDINGS, { error: '核实结论应为属实、部分属实、不属实或无法查实' }),
    falseAccusation: z.boolean().default(false),
    summary: z.string({ error: '请填写办理结果' }).min(1).max(5000),
    needsRectification: z.boolean().optional(),
    expectedVersion: version,
  })
  .strict();
export const messageSchema = z.object({ kind: z.enum(['question', 'feedback'], { error: '留言类型应为提问或结果反馈' }), text: z.string({ error: '请填写留言内容' }).min(1).max(5000) }).strict();
export const versionSchema = z.object({ expectedVersion: version }).strict();

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const inboxQuerySchema = z
  .object({
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(TIP_STATUSES, { error: '状态不正确' })))
      .optional(),
    category: z.string().max(40).optional(),
    village: placeCode('区划代码不正确').optional(),
    overdue: flag.optional(),
    electionRelated: flag.optional(),
    includeRepeats: flag.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const date = requestDateSchema('日期应为 YYYY-MM-DD 格式的有效日期');
export const statsQuerySchema = z
  .object({
    from: date,
    to: date,
    by: z.enum(['township', 'month', 'category']).default('township'),
    compareFrom: date.optional(),
    compareTo: date.optional(),
  })
  .strict();

/** The public list of candidates under notice (公示): by township or village, a page at a time. */
export const noticesQuerySchema = z
  .object({
    village: villageCode.optional(),
    township: requestDivisionCodeSchema(['township'], '乡镇代码应为 9 或 12 位数字').optional(),
    page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').max(10_000).default(1),
    pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, '每页最多 100 条').default(20),
  })
  .strict();

/** The public pickers: townships of the deployment, or the villages of one township. */
export const placesQuerySchema = z.object({ parent: placeCode('区划代码不正确').optional() }).strict();

export const TIP_FIELD_LABELS: Record<string, string> = {
  category: '举报类别',
  subjects: '被举报对象',
  'subjects.*.name': '第 # 个被举报人的姓名',
  'subjects.*.citizenId': '第 # 个被举报人的身份证号码',
  'subjects.*.post': '第 # 个被举报人的职务',
  'subjects.*.villageCode': '第 # 个被举报对象的村/社区代码',
  'subjects.*.kind': '第 # 个被举报对象的类型',
  text: '举报内容',
  anonymous: '实名/匿名',
  reporter: '举报人信息',
  'reporter.name': '举报人姓名',
  'reporter.phone': '举报人电话',
  channel: '来源渠道',
  receivedAt: '收到时间',
};

export { TIP_CHANNELS };
