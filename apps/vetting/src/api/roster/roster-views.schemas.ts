import { z } from 'zod';

// What the roster routes answer, for the OpenAPI document (@Returns): documentation, not checked at
// run time. Dates are YYYY-MM-DD; citizen id numbers are masked.

const count = z.number().int().min(0);
const date = z.string().describe('日期（YYYY-MM-DD）');
const gender = z.enum(['女', '男']);
const body = z.enum(['party', 'committee', 'supervision', 'reserve']);
const education = z.enum(['研究生', '本科', '大专', '高中·中专', '初中', '小学']);
const politicalStatus = z.enum(['中共党员', '预备党员', '群众', '民主党派', '无党派']);
const grade = z.enum(['优秀', '称职', '基本称职', '不称职']);

const rowError = z.object({ row: count.describe('表格行号'), column: z.string(), message: z.string().describe('“第 N 行：…”') });

export const importResultView = z.object({
  mode: z.enum(['all_or_nothing', 'valid_rows_only']),
  dryRun: z.boolean(),
  written: z.boolean().describe('是否已写入（试导入或整表退回时为 false）'),
  rows: count,
  imported: count,
  created: count,
  updated: count,
  unchanged: count,
  refused: z.array(rowError),
  message: z.string(),
});

/** all_or_nothing with a bad row: nothing written, every bad row listed. */
export const importRefusedView = importResultView.extend({ statusCode: z.literal(422), code: z.literal('roster.import_refused') });

const record = z.object({
  recordId: z.string(),
  text: z.string(),
  kind: z.string(),
  label: z.string(),
  category: z.string(),
  date,
  endsOn: date.nullable(),
  source: z.string().nullable(),
});

export const personView = z.object({
  personId: z.string(),
  name: z.string(),
  citizenId: z.string().describe('身份证号（脱敏）'),
  gender,
  birthDate: date,
  ethnicity: z.string(),
  education,
  politicalStatus,
  partyJoinDate: date.nullable(),
  phone: z.string().nullable(),
  tags: z.array(z.string()),
  villages: z.array(z.string()),
  holdings: z.array(z.object({ personId: z.string(), villageCode: z.string(), body, bodyLabel: z.string(), post: z.string(), from: date, to: date.optional() })),
  records: z.array(record),
  appraisals: z.array(z.object({ year: z.number().int(), grade, source: z.string(), ref: z.string().nullable() })),
  relatives: z.array(z.object({ personId: z.string(), kind: z.string(), direction: z.enum(['is_my', 'i_am_their']) })),
  roles: z.array(z.object({ role: z.string(), villageCode: z.string(), since: date, until: date.nullable() })),
  investigations: z.array(z.object({ investigationId: z.string(), since: date, closedOn: date.nullable(), source: z.string().nullable() })),
});

export const villageRosterView = z.object({
  villageCode: z.string(),
  date,
  members: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      gender,
      age: count,
      education,
      politicalStatus,
      posts: z.array(z.object({ body, bodyLabel: z.string(), post: z.string(), from: date })),
      crossAppointed: z.boolean(),
      oneShoulder: z.boolean(),
    }),
  ),
});

export const recordAddedView = z.object({ personId: z.string(), record: record.partial().required({ recordId: true }) });
export const recordEndedView = z.object({ personId: z.string(), recordId: z.string(), endsOn: date });
export const appraisalView = z.object({ personId: z.string(), year: z.number().int(), grade });
export const relativeView = z.object({ personId: z.string(), relativeId: z.string(), kind: z.string() });
export const roleView = z.object({ personId: z.string(), role: z.string(), villageCode: z.string(), since: date, until: date.nullish() });
export const investigationOpenedView = z.object({ personId: z.string(), investigationId: z.string(), since: date });
export const investigationClosedView = z.object({ personId: z.string(), investigationId: z.string(), closedOn: date });
export const holdingEndedView = z.object({ villageCode: z.string(), personId: z.string(), body, post: z.string(), on: date });

export const basicSituationView = z.object({
  date,
  scopePrefix: z.string().nullable(),
  scopeName: z.string(),
  lastElectionDate: date,
  cadres: count,
  partyCommittee: count,
  villagersCommittee: count,
  crossAppointed: count,
  oneShoulder: count,
  partyStatus: z.object({ 正式党员: count, 预备党员: count, 群众: count, 无党派或民主党派: count }),
  women: count,
  ageBands: z.object({ under45: count, from45to54: count, from55: count }),
  averageAge: z.number().describe('平均年龄（周岁，一位小数）'),
  education: z.object({ 大专及以上: count, '高中·中专': count, 初中: count, 小学: count }),
  disciplinedSinceElection: count,
  disciplinedInEffect: count,
  reserve: count,
});
