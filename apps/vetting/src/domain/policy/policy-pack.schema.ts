import { z } from 'zod';
import { requestDateSchema } from '@lw/domain';
import type { PolicyPack } from './policy-pack';

/*
 * The zod schema of a policy pack. Objects are strict: a misspelt key in a pack typed by hand must
 * be refused, not silently ignored (the rule it meant to set would quietly keep its default).
 * Messages here are the Chinese reason only; validatePolicyPack prefixes the field's name.
 */

const EDUCATIONS = ['研究生', '本科', '大专', '高中·中专', '初中', '小学'] as const;

const ruleKind = z.enum(['block', 'warn', 'needs_approval']);
const education = z.enum(EDUCATIONS);
const code = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: '只能使用小写字母、数字、下划线、点或连字符' });
const text = z.string().trim().min(1, { error: '不能为空' });
const localDate = requestDateSchema('应为有效日期（YYYY-MM-DD）');
const age = z.number().int().min(18).max(80);
const dayPeriod = z.strictObject({ amount: z.number().int().min(1).max(365), unit: z.enum(['working_days', 'calendar_days']) });
const share = z.number().min(0).max(1).nullable();

/** Ratios are written with at most two decimals (1.2, 1.25) so ⌈seats × ratio⌉ can be computed exactly. */
const ratio = z
  .number()
  .min(1)
  .max(3)
  .refine((r) => Math.abs(r * 100 - Math.round(r * 100)) < 1e-9, { error: '最多保留两位小数' });

const lookBack = z.union([z.literal('ever'), z.literal('current'), z.strictObject({ years: z.number().int().min(1).max(30) })], {
  error: '应为 "ever"（终身）、"current"（当前仍存在）或 { "years": 年数 }',
});

const seatRange = z.strictObject({ min: z.number().int().min(1).max(15), max: z.number().int().min(1).max(15) });
const margin = z.strictObject({ preliminaryRatio: ratio.nullable(), finalExtra: z.number().int().min(1).max(10).nullable() });
const preference = z.strictObject({ maxAge: age, minEducation: education, kind: ruleKind });

export const policyPackSchema = z
  .strictObject({
    id: code,
    version: z.number().int().min(1),
    name: text,
    cutOffDate: localDate,
    seats: z.strictObject({ party: seatRange, committee: seatRange, supervision: seatRange }),
    margin: z.strictObject({ party: margin, committee: margin }),
    negativeList: z
      .array(z.strictObject({ id: code, label: text, recordKinds: z.array(code).min(1, { error: '至少列出一种记录类别' }), lookBack }))
      .min(1, { error: '负面清单不能为空' }),
    postRules: z.strictObject({
      newSecretary: preference,
      continuingSecretary: z.strictObject({ maxAge: age, approvalMaxAge: age.nullable() }),
      secretaryPartyStanding: z.strictObject({ years: z.number().int().min(0).max(10), kind: ruleKind }),
      newMember: preference.nullable(),
    }),
    slateRules: z.strictObject({
      woman: z.strictObject({ required: z.boolean(), scope: z.enum(['two_committees', 'committee']), kind: ruleKind }),
      young: z.strictObject({ required: z.boolean(), maxAge: age, minEducation: education.nullable(), kind: ruleKind }),
      nearRelatives: z.strictObject({ required: z.boolean(), kinds: z.array(text), kind: ruleKind }),
      supervision: z.strictObject({ excludeCommitteeMembers: z.boolean(), excludeCommitteeRelatives: z.boolean(), excludedRoles: z.array(text) }),
    }),
    countyTargets: z.strictObject({
      secretaryCollegeShareMin: share,
      secretaryWealthLeaderShareMin: share,
      secretaryAverageAgeMax: age.nullable(),
      memberAverageAgeMax: age.nullable(),
      womenShareMin: share,
      oneShoulderShareMin: share,
    }),
    notice: z.strictObject({ member: dayPeriod, secretary: dayPeriod, appointmentFiling: dayPeriod }),
    jointReview: z.strictObject({
      departments: z.array(z.strictObject({ id: code, name: text })).min(1, { error: '至少需要一个联审部门' }),
      answerWithin: dayPeriod,
    }),
    gate: z.strictObject({ requireAuditPublished: z.boolean(), requireSeriousRectified: z.boolean() }),
    committeeClock: z.strictObject({
      voterListDaysBefore: z.number().int().min(1).max(90),
      voterObjectionDaysBefore: z.number().int().min(0).max(90),
      candidatesDaysBefore: z.number().int().min(1).max(90),
      handOverWithin: dayPeriod,
    }),
  })
  .superRefine((p, ctx) => {
    const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const body of ['party', 'committee', 'supervision'] as const) {
      if (p.seats[body].min > p.seats[body].max) fail(['seats', body, 'min'], '下限不能大于上限');
    }
    const cs = p.postRules.continuingSecretary;
    if (cs.approvalMaxAge !== null && cs.approvalMaxAge < cs.maxAge) fail(['postRules', 'continuingSecretary', 'approvalMaxAge'], '不能低于一般年龄上限');
    const duplicate = (ids: string[]) => ids.findIndex((id, i) => ids.indexOf(id) !== i);
    const dupItem = duplicate(p.negativeList.map((n) => n.id));
    if (dupItem >= 0) fail(['negativeList', dupItem, 'id'], `编号“${p.negativeList[dupItem].id}”重复`);
    const dupDept = duplicate(p.jointReview.departments.map((d) => d.id));
    if (dupDept >= 0) fail(['jointReview', 'departments', dupDept, 'id'], `编号“${p.jointReview.departments[dupDept].id}”重复`);
    if (p.committeeClock.voterObjectionDaysBefore >= p.committeeClock.voterListDaysBefore) fail(['committeeClock', 'voterObjectionDaysBefore'], '应少于选民名单公布的提前天数');
    if (p.slateRules.nearRelatives.required && p.slateRules.nearRelatives.kinds.length === 0) fail(['slateRules', 'nearRelatives', 'kinds'], '启用近亲属回避时须列出亲属关系');
  }) satisfies z.ZodType<PolicyPack>;
