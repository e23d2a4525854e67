import { z } from 'zod';
import { DomainValidationError, isLocalDate } from '@lw/domain';

const lookBack = z.union([z.literal('ever'), z.literal('current'), z.object({ years: z.number().int().min(1).max(20) })]);

/**
 * A versioned policy pack: every number of DOMAIN.md §1 as data, so a province's rules load without
 * code. Validated with Chinese messages naming the field.
 */
export const policyPackSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  name: z.string().min(1),
  /** Ages and look-back windows are measured at this date (e.g. 2020-12-31). */
  cutOffDate: z.string().refine(isLocalDate, '截止日期应为有效日期 YYYY-MM-DD'),
  seats: z.object({ party: z.object({ min: z.number().int().min(1), max: z.number().int().max(9) }), committee: z.object({ min: z.number().int().min(1), max: z.number().int().max(9) }) }),
  margin: z.object({ preliminaryRatio: z.number().min(1).max(3), finalExtra: z.number().int().min(0).max(5) }),
  negativeList: z
    .array(z.object({ id: z.string().min(1), label: z.string().min(1), kinds: z.array(z.string().min(1)).min(1), lookBack }))
    .min(1, '负面清单不能为空'),
  age: z.object({
    newSecretaryPreferredMax: z.number().int(),
    continuingSecretaryMax: z.number().int(),
    continuingSecretaryApprovalMax: z.number().int(),
    under: z.number().int(),
  }),
  secretary: z.object({ partyYears: z.number().int().min(0), preferredEducation: z.enum(['研究生', '本科', '大专', '高中·中专', '初中', '小学']) }),
  slate: z.object({
    requireWoman: z.boolean(),
    requireYoung: z.boolean(),
    youngNeedsCollege: z.boolean(),
    nearRelativeKinds: z.array(z.string().min(1)),
    supervisionExcludedRoles: z.array(z.string().min(1)),
  }),
  noticeWorkingDays: z.object({ secretary: z.number().int().min(1), member: z.number().int().min(1) }),
  jointReview: z.object({ departments: z.array(z.string().min(1)).min(1), workingDays: z.number().int().min(1) }),
});

export type PolicyPack = z.infer<typeof policyPackSchema>;
export type NegativeItem = PolicyPack['negativeList'][number];

export function validatePolicyPack(input: unknown): PolicyPack {
  const r = policyPackSchema.safeParse(input);
  if (r.success) {
    if (r.data.age.continuingSecretaryApprovalMax < r.data.age.continuingSecretaryMax) {
      throw new DomainValidationError('policy.age_order', '政策包：经批准的年龄上限不能低于一般上限（age.continuingSecretaryApprovalMax）', 'approval max below max');
    }
    return r.data;
  }
  const problems = r.error.issues.map((i) => `${i.path.join('.')}：${/[\u4e00-\u9fa5]/.test(i.message) ? i.message : '格式不正确或缺失'}`);
  throw new DomainValidationError('policy.invalid', `政策包无效：${problems.join('；')}`, `invalid policy pack: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
}
