import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { findForbiddenText } from '@lw/domain';

/**
 * Parses a request part with its schema. On failure: 400 with one Chinese sentence per problem,
 * naming the field; never the submitted value (it may be a reporter's name or phone). Text with
 * control characters (NUL…) is refused before the schema sees it, whatever the schema says.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, labels: Record<string, string> = {}): T {
  refuseForbiddenText(input, labels);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => {
    const path = i.path.map(String);
    const field = labelOf(path, labels);
    return { field: path.join('.'), message: field ? `${field}：${zh(i)}` : zh(i) };
  });
  throw new BadRequestException({ statusCode: 400, code: 'validation', message: errors.map((e) => e.message).join('；'), errors });
}

/**
 * Every body, query and route parameter of every route, before any handler or schema: no text with
 * control characters (PostgreSQL refuses NUL, XML documents break on the rest), and a query
 * parameter appears at most once (`?q=a&q=b` would hand an array to code expecting a string).
 * Registered globally, so a route that parses its input by hand is covered too.
 */
@Injectable()
export class RequestTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    if (metadata.type === 'query') refuseRepeatedQuery(value, metadata.data);
    refuseForbiddenText(value, {}, metadata.data ? [metadata.data] : []);
    return value;
  }
}

function refuseForbiddenText(input: unknown, labels: Record<string, string>, prefix: string[] = []): void {
  const found = findForbiddenText(input);
  if (!found) return;
  const path = [...prefix, ...found.map(String)];
  const field = labelOf(path, labels) || (path.length ? `字段 ${path.join('.')}` : '');
  const message = `${field ? `${field}：` : ''}含有不允许的控制字符（如 NUL），请删除后重新提交`;
  throw new BadRequestException({ statusCode: 400, code: 'validation', message, errors: [{ field: path.join('.'), message }] });
}

/** Query values are single strings: a repeated (`?q=a&q=b`) or nested (`?q[x]=a`) parameter is refused. */
function refuseRepeatedQuery(value: unknown, name: string | undefined): void {
  const entries: [string, unknown][] = name ? [[name, value]] : value && typeof value === 'object' ? Object.entries(value) : [];
  const bad = entries.find(([, v]) => v !== undefined && typeof v !== 'string');
  if (!bad) return;
  const message = `查询参数 ${bad[0]} 只能出现一次，且应为单个值`;
  throw new BadRequestException({ statusCode: 400, code: 'validation', message, errors: [{ field: bad[0], message }] });
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
