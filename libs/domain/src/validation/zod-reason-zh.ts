import type { z } from 'zod';

const TYPE_ZH: Readonly<Record<string, string>> = { number: '数字', int: '整数', string: '文本', boolean: '是/否（true/false）', object: '对象', array: '列表', null: '空值' };

/**
 * The Chinese reason for zod's own checks (refinements carry their own message), for data an
 * official types by hand: policy packs, campaign packs, access policies. Pass it as
 * `schema.safeParse(input, { error: zodReasonZh })`.
 */
export function zodReasonZh(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? '缺失' : `类型不正确（应为${TYPE_ZH[iss.expected] ?? iss.expected}）`;
    case 'too_small':
      return iss.origin === 'array' ? `至少应有 ${iss.minimum} 项` : iss.origin === 'string' ? '不能为空' : `应不小于 ${iss.minimum}`;
    case 'too_big':
      return iss.origin === 'array' ? `至多 ${iss.maximum} 项` : iss.origin === 'string' ? `至多 ${iss.maximum} 字` : `应不大于 ${iss.maximum}`;
    case 'invalid_value':
      return `应为 ${iss.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `有无法识别的字段：${iss.keys.join('、')}`;
    default:
      return '格式不正确';
  }
}
