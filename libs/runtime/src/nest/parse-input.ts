import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Parses a request part with its schema. On failure: 400 with one Chinese sentence per problem,
 * naming the field; never the submitted value (it may be a reporter's name or phone).
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, labels: Record<string, string> = {}): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => {
    const path = i.path.map(String);
    const field = labelOf(path, labels);
    return { field: path.join('.'), message: field ? `${field}：${zh(i)}` : zh(i) };
  });
  throw new BadRequestException({ statusCode: 400, code: 'validation', message: errors.map((e) => e.message).join('；'), errors });
}

function labelOf(path: string[], labels: Record<string, string>): string {
  const generic = path.map((p) => (/^\d+$/.test(p) ? '*' : p)).join('.');
  const label = labels[generic] ?? labels[path[path.length - 1]] ?? '';
  const index = path.find((p) => /^\d+$/.test(p));
  return index !== undefined && label ? label.replace('#', String(Number(index) + 1)) : label;
}

/** Our schemas carry Chinese messages; zod's own defaults get a Chinese equivalent here. */
function zh(i: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fa5]/.test(i.message)) return i.message;
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? '必填' : '格式不正确';
    case 'too_small':
      return '内容过短或为空';
    case 'too_big':
      return '内容过长';
    case 'unrecognized_keys':
      return `不认识的字段 ${i.keys.join('、')}`;
    case 'invalid_value':
      return '取值不在允许范围内';
    default:
      return '格式不正确';
  }
}
