import { deepFreeze, DomainValidationError, zodReasonZh } from '@lw/domain';
import type { PolicyPack } from './policy-pack';
import { policyPackSchema } from './policy-pack.schema';
import { fieldLabel } from './policy-field-labels';

/**
 * Checks a pack typed as data (JSON, a literal) and returns it typed and frozen: an election's rules
 * must not change under it. Throws DomainValidationError naming every bad field in Chinese.
 */
export function validatePolicyPack(input: unknown): PolicyPack {
  const r = policyPackSchema.safeParse(input, { error: zodReasonZh });
  if (r.success) return deepFreeze(r.data);
  const zh = r.error.issues.map((i) => `${fieldLabel(i.path)}（${i.path.join('.') || '/'}）：${i.message}`);
  const en = r.error.issues.map((i) => `${i.path.join('.') || '/'} ${i.code}`);
  throw new DomainValidationError('policy_pack.invalid', `政策包无效：${zh.join('；')}`, `invalid policy pack: ${en.join('; ')}`);
}
