import type { z } from 'zod';
import { DomainValidationError } from '@lw/domain';
import type { PolicyPack } from './policy-pack';
import { policyPackSchema } from './policy-pack.schema';
import { fieldLabel } from './policy-field-labels';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_ZH: Readonly<Record<string, string>> = { number: '数字', int: '整数', string: '文本', boolean: '是/否（true/false）', object: '对象', array: '列表', null: '空值' };

/** The Chinese reason for zod's own checks (our refinements carry their own). */
function reasonZh(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? '缺失' : `类型不正确（应为${TYPE_ZH[iss.expected] ?? iss.expected}）`;
    case 'too_small':
      return iss.origin === 'array' ? `至少应有 ${iss.minimum} 项` : iss.origin === 'string' ? '不能为空' : `应不小于 ${iss.minimum}`;
    case 'too_big':
      return iss.origin === 'array' ? `至多 ${iss.maximum} 项` : `应不大于 ${iss.maximum}`;
    case 'invalid_value':
      return `应为 ${iss.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `有无法识别的字段：${iss.keys.join('、')}`;
    default:
      return '格式不正确';
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Checks a pack typed as data (JSON, a literal) and returns it typed and frozen: an election's rules
 * must not change under it. Throws DomainValidationError naming every bad field in Chinese.
 */
export function validatePolicyPack(input: unknown): PolicyPack {
  const r = policyPackSchema.safeParse(input, { error: reasonZh });
  if (r.success) return deepFreeze(r.data);
  const zh = r.error.issues.map((i) => `${fieldLabel(i.path)}（${i.path.join('.') || '/'}）：${i.message}`);
  const en = r.error.issues.map((i) => `${i.path.join('.') || '/'} ${i.code}`);
  throw new DomainValidationError('policy_pack.invalid', `政策包无效：${zh.join('；')}`, `invalid policy pack: ${en.join('; ')}`);
}
