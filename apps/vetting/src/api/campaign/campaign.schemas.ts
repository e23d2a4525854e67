import { z } from 'zod';
import { DIVISION_LEVELS, requestDateSchema, requestDivisionCodeSchema, unpadDivisionCode } from '@lw/domain';

// Request shapes of the campaign routes. The door checks shapes and bounds; what the pack allows
// (methods, grades, categories, dates inside the period) is the domain's decision.

const date = requestDateSchema('日期格式应为 YYYY-MM-DD');
const kind = z.enum(['lookback', 'midterm', 'annual', 'special'], { error: '检查类型应为 lookback（换届回头看）、midterm（届中分析）、annual（年度研判）或 special（专项整治）' });
const scope = requestDivisionCodeSchema(DIVISION_LEVELS, '区域代码格式不正确').transform(unpadDivisionCode);
const id = (label: string) => z.string().min(1, `缺少${label}`).max(80, `${label}过长`).regex(/^[A-Za-z0-9_.-]+$/, `${label}只能包含字母、数字、“-”“_”“.”`);
const person = z.object({ name: z.string().trim().min(1, '请填写姓名').max(50, '姓名过长'), post: z.string().trim().min(1, '请填写职务').max(100, '职务过长') }).strict();
const stage = z.object({ name: z.string().trim().min(1, '请填写阶段名称').max(50, '阶段名称过长'), from: date, to: date }).strict();
const methods = z.array(z.string().min(1).max(40)).max(20, '检查方式过多');

export const planCampaignSchema = z
  .object({
    kind,
    name: z.string().min(1, '请填写检查名称').max(200, '检查名称过长'),
    scope,
    period: z.object({ from: date, to: date }).strict(),
    packId: id('检查方案'),
    packVersion: z.number().int().min(1).optional(),
    stages: z.array(stage).max(20, '阶段过多').default([]),
    methods: methods.default([]),
    previousCampaignId: z.uuid('上届检查编号格式不正确').nullish(),
  })
  .strict();

export const changePlanSchema = z.object({ stages: z.array(stage).max(20, '阶段过多'), methods }).strict();

export const workGroupSchema = z
  .object({
    name: z.string().trim().min(1, '请填写工作组名称').max(50, '工作组名称过长'),
    leader: person,
    members: z.array(person).max(50, '工作组成员过多').default([]),
    villages: z.array(z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字')).max(500, '村（社区）过多').default([]),
    townships: z.array(z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字')).max(100, '乡镇（街道）过多').default([]),
  })
  .strict();

export const listCampaignsSchema = z.object({ scope: scope.optional(), kind: kind.optional() }).strict();
export const figuresQuerySchema = z.object({ scope: scope.optional() }).strict();

export const campaignParams = z.object({ campaignId: z.uuid('检查活动编号格式不正确') }).strict();
export const groupParams = z.object({ campaignId: z.uuid('检查活动编号格式不正确'), groupId: id('工作组编号') }).strict();
export const reportParams = z.object({ campaignId: z.uuid('检查活动编号格式不正确'), version: z.coerce.number().int('报告版本应为整数').min(1, '报告版本应为正整数') }).strict();
export const packParams = z.object({ id: id('检查方案'), version: z.coerce.number().int('版本应为整数').min(1, '版本应为正整数') }).strict();
